"""Checks template.yaml after the SAM transform: every IAM statement names its resources (no `*` resource;
the only wildcard allowed is the log-stream part of the function's own log group), no managed policies are
attached, the function builds the Lambda binary the crate defines, every environment variable the template sets
is one pii-pause reads (src/), and the ledger table has the schema the code uses (src/ledger/table.rs: key,
held-day index, TTL attribute) with point-in-time recovery and encryption, and the function may only UpdateItem
and GetItem on it (the pre-emptive pause reads the conversation's current pause). Prints what it checked; exits 1 on a violation."""

import json
import os
import re
import sys

from samcli.yamlhelper import yaml_parse
from samtranslator.translator.transform import transform

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class NoManagedPolicies:
    def load(self):
        return {}


def statements(document):
    items = document.get("Statement", [])
    return items if isinstance(items, list) else [items]


def resources(statement):
    value = statement.get("Resource", [])
    return value if isinstance(value, list) else [value]


def wildcard_problem(resource):
    """A description of what is wrong with `resource`, or None."""
    if resource == "*":
        return "the resource is `*`"
    text = json.dumps(resource)
    if "*" not in text:
        return None
    if isinstance(resource, dict) and "Fn::Sub" in resource and str(resource["Fn::Sub"]).startswith("${FunctionLogGroup.Arn}:log-stream:"):
        return None
    # Connect's contact ids are dynamic: the contacts of the one configured instance (its ARN, then /contact/*).
    if isinstance(resource, dict) and str(resource.get("Fn::Sub", "")).endswith(":instance/${ConnectInstanceId}/contact/*"):
        return None
    return f"the resource has a wildcard: {text}"


def policy_documents(resource):
    props = resource.get("Properties", {})
    kind = resource.get("Type")
    if kind == "AWS::IAM::Role":
        for policy in props.get("Policies", []):
            if isinstance(policy, dict) and "Fn::If" in policy:
                branches = [b for b in policy["Fn::If"][1:] if isinstance(b, dict) and "PolicyDocument" in b]
                for b in branches:
                    yield b["PolicyName"], b["PolicyDocument"]
            elif isinstance(policy, dict) and "PolicyDocument" in policy:
                yield policy.get("PolicyName", "?"), policy["PolicyDocument"]
    elif kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
        yield props.get("PolicyName", "?"), props.get("PolicyDocument", {})
    elif kind == "AWS::SQS::QueuePolicy":
        yield "queue policy", props.get("PolicyDocument", {})


def ledger_problems(template):
    """What is wrong with the ledger table and its IAM statement, against the schema in src/ledger/table.rs."""
    with open(os.path.join(ROOT, "src/ledger/table.rs")) as f:
        source = f.read()
    const = dict(re.findall(r'pub const ([A-Z_]+): &str = "([^"]+)";', source))
    table = template["Resources"].get("LedgerTable")
    if table is None:
        return ["no LedgerTable resource"]
    props = table["Properties"]
    problems = []
    if props.get("KeySchema") != [{"AttributeName": const["PARTITION_KEY"], "KeyType": "HASH"}]:
        problems.append(f"LedgerTable key must be {const['PARTITION_KEY']} (HASH): {props.get('KeySchema')}")
    indexes = {i["IndexName"]: i for i in props.get("GlobalSecondaryIndexes", [])}
    index = indexes.get(const["HELD_DAY_INDEX"])
    want = [{"AttributeName": const["HELD_DAY"], "KeyType": "HASH"},
            {"AttributeName": const["PARTITION_KEY"], "KeyType": "RANGE"}]
    if index is None or index.get("KeySchema") != want:
        problems.append(f"LedgerTable needs index {const['HELD_DAY_INDEX']} keyed {want}")
    if props.get("TimeToLiveSpecification") != {"AttributeName": const["TTL_ATTRIBUTE"], "Enabled": True}:
        problems.append(f"LedgerTable TTL must be on {const['TTL_ATTRIBUTE']}")
    if props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled") is not True:
        problems.append("LedgerTable needs point-in-time recovery")
    if props.get("SSESpecification", {}).get("SSEEnabled") is not True:
        problems.append("LedgerTable needs encryption at rest (SSESpecification)")
    return problems


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "template.yaml")
    with open(path) as f:
        template = yaml_parse(f.read())
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    params = {"GenesysSecretArn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:genesys/pii-pause-AbCdEf"}
    for resource in template["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://bucket/pii-pause.zip"  # what sam package puts there
    output = transform(template, params, NoManagedPolicies())
    problems = []
    checked = 0
    for name, resource in output["Resources"].items():
        if resource.get("Type") == "AWS::IAM::Role" and resource["Properties"].get("ManagedPolicyArns"):
            problems.append(f"{name}: managed policies attached: {resource['Properties']['ManagedPolicyArns']}")
        for policy_name, document in policy_documents(resource):
            for statement in statements(document):
                for r in resources(statement):
                    checked += 1
                    problem = wildcard_problem(r)
                    if problem:
                        problems.append(f"{name}/{policy_name}: {problem}")
    problems.extend(ledger_problems(template))
    for policy_name, document in policy_documents(output["Resources"].get("FunctionRole", {})):
        if policy_name == "decision-ledger":
            actions = [a for st in statements(document) for a in (st["Action"] if isinstance(st["Action"], list) else [st["Action"]])]
            if sorted(actions) != ["dynamodb:GetItem", "dynamodb:UpdateItem"]:
                problems.append(
                    f"the ledger policy allows {actions}; the function needs exactly dynamodb:UpdateItem and dynamodb:GetItem"
                )
    functions = {n: r for n, r in output["Resources"].items() if r["Type"] == "AWS::Lambda::Function"}
    if len(functions) != 1:
        problems.append(f"expected one function, found {sorted(functions)}")
    binary = template["Resources"]["PiiPauseFunction"]["Metadata"]["BuildProperties"]["Binary"]
    with open(os.path.join(ROOT, "Cargo.toml")) as f:
        if f'name = "{binary}"' not in f.read():
            problems.append(f"BuildProperties.Binary `{binary}` is not a binary of Cargo.toml")
    config_source = ""
    for folder, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            if name.endswith(".rs"):
                with open(os.path.join(folder, name)) as f:
                    config_source += f.read()
    variables = []
    for fn in functions.values():
        props = fn["Properties"]
        if props.get("Runtime") != "provided.al2023" or props.get("Handler") != "bootstrap":
            problems.append("the function must be provided.al2023 with handler bootstrap")
        variables = sorted(props.get("Environment", {}).get("Variables", {}))
        for name in variables:
            if f'"{name}"' not in config_source:
                problems.append(f"the template sets {name}, which pii-pause (src/) does not read")
    print(f"template: {checked} IAM statement resources checked, {len(variables)} environment variables checked, "
          f"{len(output['Resources'])} resources after the SAM transform")
    for p in problems:
        print(f"  problem: {p}")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
