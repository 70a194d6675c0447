"""Checks deploy/genesys/*.tf against the resource schemas the Genesys Cloud Terraform provider documents
(docs/resources/{auth_role,oauth_client,integration}.md of MyPureCloud/terraform-provider-genesyscloud): every
attribute and block is one the provider knows, required ones are present, and the values pii-pause depends on
are right (client-credentials grant, roles not scopes, the pause permission, the EventBridge integration type
and its properties). Exits 1 on a problem."""

import glob
import json
import os
import sys

import hcl2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Documented schemas: attribute -> None, nested block -> its own schema.
SCHEMAS = {
    "genesyscloud_auth_role": {
        "required": {"name"},
        "fields": {"name": None, "description": None, "permissions": None, "default_role_id": None,
                   "permission_policies": {"required": {"domain", "entity_name", "action_set"},
                                           "fields": {"domain": None, "entity_name": None, "action_set": None,
                                                      "conditions": None}}},
    },
    "genesyscloud_oauth_client": {
        "required": {"name", "authorized_grant_type"},
        "fields": {"name": None, "description": None, "authorized_grant_type": None,
                   "access_token_validity_seconds": None, "client_secret": None, "directory_client_secret": None,
                   "expose_client_secret": None, "integration_credential_name": None,
                   "registered_redirect_uris": None, "scopes": None, "state": None,
                   "roles": {"required": {"role_id"}, "fields": {"role_id": None, "division_id": None}}},
    },
    "genesyscloud_integration": {
        "required": {"integration_type"},
        "fields": {"integration_type": None, "intended_state": None,
                   "config": {"required": set(), "fields": {"name": None, "properties": None, "advanced": None,
                                                            "notes": None, "credentials": None}}},
    },
}
META = {"count", "for_each", "depends_on", "lifecycle", "provider"}


def blocks(body):
    """hcl2 gives a block as a list of dicts; dynamic blocks as {"dynamic": [{name: {"content": ...}}]}."""
    out = {}
    for key, value in body.items():
        if key == "dynamic":
            for d in value:
                for name, spec in d.items():
                    out.setdefault(name.strip('"'), []).extend(spec.get("content", []) if isinstance(spec.get("content"), list) else [spec.get("content", {})])
        else:
            out[key] = value
    return out


def check(kind, name, body, schema, problems, path=""):
    fields = blocks(body)
    for key, value in fields.items():
        if key in META or key.startswith("__"):
            continue
        if key not in schema["fields"]:
            problems.append(f"{kind}.{name}{path}: `{key}` is not in the provider's schema")
            continue
        nested = schema["fields"][key]
        if nested is not None:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    check(kind, name, item, nested, problems, f"{path}.{key}")
    for req in schema["required"]:
        if req not in fields:
            problems.append(f"{kind}.{name}{path}: required `{req}` is missing")


def main():
    problems = []
    resources = {}
    for tf in sorted(glob.glob(os.path.join(ROOT, "deploy", "genesys", "*.tf"))):
        with open(tf) as f:
            doc = hcl2.load(f)
        for entry in doc.get("resource", []):
            for kind, named in entry.items():
                for name, body in named.items():
                    resources[(kind.strip('"'), name.strip('"'))] = body
    for (kind, name), body in resources.items():
        if kind in SCHEMAS:
            check(kind, name, body, SCHEMAS[kind], problems)
        elif not kind.startswith("aws_"):
            problems.append(f"{kind}.{name}: no documented schema to check it against")
    text = json.dumps({f"{k}.{n}": b for (k, n), b in resources.items()})
    client = resources.get(("genesyscloud_oauth_client", "pii_pause"), {})
    if str(client.get("authorized_grant_type", "")).strip('"') != "CLIENT-CREDENTIALS":
        problems.append("the OAuth client must use the CLIENT-CREDENTIALS grant")
    if "scopes" in client:
        problems.append("scopes do not apply to client-credentials clients: use roles")
    if "roles" not in blocks(client):
        problems.append("the OAuth client needs roles (client credentials get permissions from roles)")
    role = json.dumps(resources.get(("genesyscloud_auth_role", "pii_pause"), {}))
    if not all(s in role for s in ["conversation", "recording", "pauseOthers"]):
        problems.append("the role must grant conversation:recording:pauseOthers")
    integration = json.dumps(resources.get(("genesyscloud_integration", "eventbridge"), {}))
    if "amazon-eventbridge-source" not in integration:
        problems.append("the integration must be of type amazon-eventbridge-source")
    for prop in ["awsAccountId", "awsAccountRegion", "eventSourceSuffix", "eventFilter"]:
        if prop not in integration:
            problems.append(f"the EventBridge integration properties lack `{prop}`")
    print(f"terraform: {len(resources)} resources checked against the documented provider schemas")
    for p in problems:
        print(f"  problem: {p}")
    return 1 if problems or not resources else 0


if __name__ == "__main__":
    sys.exit(main())
