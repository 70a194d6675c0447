"""Contract test of the Genesys Cloud emulator, with the official Genesys Cloud Python SDK as the client
(PureCloudPlatformClientV2, pinned in tests/genesys_sdk/requirements.txt).

Every route pii-pause uses is called through the SDK and read into the SDK's own models: the client-credentials
token (and its refusal), GET /api/v2/tokens/me, both conversation GETs, the PUT and PATCH recordingstate, and the
403 and 404 error bodies. A check fails when the SDK raises, when a value is not what the real API sends (the two
GETs disagree on the case of recordingState), when a value falls outside the SDK's enums, or when the emulator
sends a field the SDK's model does not have (a misspelt field such as `oAuthClient` would otherwise be dropped in
silence by the SDK). Prints one line per route; exits 1 when any check failed.

    contract.py --url http://127.0.0.1:PORT --client ID:SECRET --no-pause-client ID:SECRET \
                --call CONVERSATION_ID --email CONVERSATION_ID
"""

import argparse
import json
from importlib import metadata
import re
import sys

import PureCloudPlatformClientV2 as genesys
from PureCloudPlatformClientV2 import models
from PureCloudPlatformClientV2.rest import ApiException

MISSING_CONVERSATION = "00000000-0000-4000-8000-0000000c0de4"
PAUSE_OTHERS = "conversation:recording:pauseOthers"


class ContractError(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise ContractError(message)


def unknown_fields(data, klass, path="$"):
    """JSON paths in `data` that the SDK type `klass` (a swagger type string) has no field for."""
    if data is None:
        return []
    list_of = re.fullmatch(r"list\[(.*)\]", klass)
    if list_of:
        return [p for i, item in enumerate(data) for p in unknown_fields(item, list_of.group(1), f"{path}[{i}]")]
    dict_of = re.fullmatch(r"dict\(([^,]*), (.*)\)", klass)
    if dict_of:
        return [p for k, v in data.items() for p in unknown_fields(v, dict_of.group(2), f"{path}.{k}")]
    model = getattr(models, klass, None)
    if model is None:  # str, int, bool, datetime, object
        return []
    instance = model()
    json_to_attr = {key: attr for attr, key in instance.attribute_map.items()}
    problems = []
    for key, value in data.items():
        if key not in json_to_attr:
            problems.append(f"{path}.{key} (not a field of the SDK's {klass})")
        else:
            problems.extend(unknown_fields(value, instance.swagger_types[json_to_attr[key]], f"{path}.{key}"))
    return problems


def outdated_values(value, path="$"):
    """Paths where the SDK replaced a value outside its enum with `outdated_sdk_version`."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in outdated_values(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in outdated_values(v, f"{path}[{i}]")]
    return [path] if value == "outdated_sdk_version" else []


class Recorder:
    """Keeps the raw body of the last response the SDK read (the SDK's post-request hook)."""

    def __init__(self):
        self.last = None

    def keep(self, response):
        self.last = response
        return response

    def json(self):
        return json.loads(self.last.data) if self.last is not None and self.last.data else None


def paused():
    body = genesys.SetRecordingState()
    body.recording_state = "PAUSED"
    return body


def client(url, credentials):
    client_id, secret = credentials.split(":", 1)
    api = genesys.ApiClient(host=url)
    recorder = Recorder()
    api.get_http_client().set_post_request_hook(lambda response: recorder.keep(response))
    api.get_client_credentials_token(client_id, secret)
    return api, recorder, client_id


def read_model(recorder, sdk_value, klass):
    """Checks the raw body behind `sdk_value` against the SDK model `klass`; returns the raw JSON."""
    raw = recorder.json()
    expect(raw is not None, f"no {klass} body")
    problems = unknown_fields(raw, klass) + outdated_values(sdk_value.to_dict())
    expect(not problems, f"{klass}: " + "; ".join(problems))
    return raw


def error_body(exc, api, status, code):
    """Checks an ApiException: its status, a Genesys ErrorBody read into the SDK model, and contextId equal to
    the ININ-Correlation-Id header. Returns the model."""
    expect(exc.status == status, f"expected HTTP {status}, got {exc.status}")
    raw = json.loads(exc.body)
    problems = unknown_fields(raw, "ErrorBody")
    expect(not problems, "ErrorBody: " + "; ".join(problems))

    class Body:
        data = exc.body

        @staticmethod
        def getheader(_name, default=None):
            return "application/json"

    body = api.deserialize(Body, "ErrorBody")
    expect(body.code == code, f"expected code {code}, got {body.code}")
    expect(body.status == status, f"ErrorBody.status {body.status} is not the HTTP status {status}")
    headers = {k.lower(): v for k, v in dict(exc.headers or {}).items()}
    expect(body.context_id and body.context_id == headers.get("inin-correlation-id"),
           f"contextId {body.context_id} is not the ININ-Correlation-Id header {headers.get('inin-correlation-id')}")
    return body


def check_token(args):
    api, _, client_id = client(args.url, args.client)
    expect(api.access_token, "no access_token")
    try:
        genesys.ApiClient(host=args.url).get_client_credentials_token(client_id, "not-the-secret")
        raise ContractError("a wrong client secret got a token")
    except ApiException as e:
        expect(e.status == 401, f"a wrong secret got HTTP {e.status}, expected 401")
        expect(json.loads(e.body).get("error") == "invalid_client", f"a wrong secret got {e.body}")
    return "client-credentials token; a wrong secret gets 401 invalid_client"


def check_tokens_me(args):
    api, recorder, client_id = client(args.url, args.client)
    info = genesys.TokensApi(api).get_tokens_me()
    raw = read_model(recorder, info, "TokenInfo")
    expect("OAuthClient" in raw, f"the OAuth client is not under `OAuthClient`: keys {sorted(raw)}")
    expect(info.o_auth_client is not None and info.o_auth_client.id == client_id,
           f"TokenInfo.o_auth_client is {info.o_auth_client}")
    expect(info.o_auth_client.name, "the OAuth client has no name")
    expect(info.organization is not None and info.organization.id, "no organization")
    return f"TokenInfo.o_auth_client `{info.o_auth_client.name}` in org `{info.organization.name}`"


def check_get_conversation(args):
    api, recorder, _ = client(args.url, args.client)
    conversation = genesys.ConversationsApi(api).get_conversation(args.call)
    read_model(recorder, conversation, "Conversation")
    expect(conversation.id == args.call, f"asked for {args.call}, got {conversation.id}")
    expect(conversation.recording_state == "ACTIVE", f"Conversation.recordingState is {conversation.recording_state!r}, "
                                                     "the real API sends upper case")
    expect(conversation.participants and all(isinstance(p.attributes, dict) for p in conversation.participants),
           "participants without attributes")
    expect(conversation.divisions and conversation.divisions[0].division.id, "no divisions")
    return f"Conversation with {len(conversation.participants)} participants, recordingState ACTIVE"


def check_get_call(args):
    api, recorder, _ = client(args.url, args.client)
    call = genesys.ConversationsApi(api).get_conversations_call(args.call)
    read_model(recorder, call, "CallConversation")
    expect(call.recording_state == "active", f"CallConversation.recordingState is {call.recording_state!r}, "
                                             "the real API sends lower case")
    return "CallConversation, recordingState active"


def check_put_recordingstate(args):
    api, recorder, _ = client(args.url, args.client)
    conversations = genesys.ConversationsApi(api)
    answer = conversations.put_conversations_call_recordingstate(
        args.call, paused())
    expect(answer == "PAUSED", f"the PUT answered {answer!r}, expected the JSON string \"PAUSED\"")
    after = conversations.get_conversation(args.call)
    read_model(recorder, after, "Conversation")
    expect(after.recording_state == "PAUSED" and after.secure_pause is True,
           f"after the PUT: recordingState {after.recording_state}, securePause {after.secure_pause}")
    return "200 \"PAUSED\"; the conversation reads PAUSED with securePause"


def check_patch_recordingstate(args):
    api, recorder, _ = client(args.url, args.client)
    conversations = genesys.ConversationsApi(api)
    answer = conversations.patch_conversation_recordingstate(
        args.email, paused())
    expect(answer is None, f"the PATCH answered {answer!r}, expected no body")
    expect(recorder.last.status == 202, f"the PATCH answered HTTP {recorder.last.status}, expected 202")
    after = conversations.get_conversation(args.email)
    read_model(recorder, after, "Conversation")
    expect(after.recording_state == "PAUSED", f"after the PATCH: recordingState {after.recording_state}")
    return "202 without a body; the conversation reads PAUSED"


def check_403(args):
    api, _, _ = client(args.url, args.no_pause_client)
    try:
        genesys.ConversationsApi(api).put_conversations_call_recordingstate(
            args.call, paused())
        raise ContractError("a client without pauseOthers paused a recording")
    except ApiException as e:
        body = error_body(e, api, 403, "missing.permissions")
    expect(PAUSE_OTHERS in body.message, f"the 403 message does not name {PAUSE_OTHERS}: {body.message}")
    return f"ErrorBody missing.permissions naming {PAUSE_OTHERS}, contextId = ININ-Correlation-Id"


def check_404(args):
    api, _, _ = client(args.url, args.client)
    try:
        genesys.ConversationsApi(api).get_conversation(MISSING_CONVERSATION)
        raise ContractError("a conversation that does not exist was found")
    except ApiException as e:
        error_body(e, api, 404, "not.found")
    return "ErrorBody not.found, contextId = ININ-Correlation-Id"


CHECKS = [
    ("POST /oauth/token", check_token),
    ("GET /api/v2/tokens/me", check_tokens_me),
    ("GET /api/v2/conversations/{id}", check_get_conversation),
    ("GET /api/v2/conversations/calls/{id}", check_get_call),
    ("PUT /api/v2/conversations/calls/{id}/recordingstate", check_put_recordingstate),
    ("PATCH /api/v2/conversations/{id}/recordingstate", check_patch_recordingstate),
    ("403 missing.permissions", check_403),
    ("404 not.found", check_404),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the emulator's base URL (API and login)")
    parser.add_argument("--client", required=True, help="ID:SECRET of a client with pauseOthers and view")
    parser.add_argument("--no-pause-client", required=True, help="ID:SECRET of a client without pauseOthers")
    parser.add_argument("--call", required=True, help="an active recorded call (it ends up paused)")
    parser.add_argument("--email", required=True, help="an active recorded email conversation (it ends up paused)")
    args = parser.parse_args()
    print(f"Genesys Cloud Python SDK {metadata.version('PureCloudPlatformClientV2')} against {args.url}")
    failed = 0
    for route, check in CHECKS:
        try:
            print(f"ok    {route}: {check(args)}")
        except (ContractError, ApiException, ValueError, TypeError, AttributeError) as e:
            failed += 1
            detail = str(e).strip().replace("\n", " | ")
            print(f"FAIL  {route}: {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
