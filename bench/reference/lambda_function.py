"""Reference Lambda for the benchmark: the Python way users write "pause the recording when PII is flagged" today.

boto3 reads the OAuth client from Secrets Manager (module-level client, secret cached in a global), `requests`
gets a client-credentials token (cached in a global until shortly before it expires) and secure-pauses the call
with PUT /api/v2/conversations/calls/{id}/recordingstate. PII is a truthy flag attribute or a plain `re` match.
Same environment variables as pii-pause. Not part of the product: it exists only to be measured against it.
"""

import json
import logging
import os
import re
import time

import boto3
import requests

logger = logging.getLogger()
logger.setLevel(logging.INFO)

SECRET_ID = os.environ["GENESYS_SECRET_ID"]
API_URL = os.environ.get("GENESYS_API_URL", "https://api.mypurecloud.com").rstrip("/")
LOGIN_URL = os.environ.get("GENESYS_LOGIN_URL", API_URL.replace("//api.", "//login.")).rstrip("/")

secrets = boto3.client("secretsmanager")

FLAG_KEYS = {"PII_Detected", "PIIDetected", "PII", "ContainsPII"}
PATTERNS = {
    "CREDIT_CARD": re.compile(r"\b(?:\d[ -]*?){13,16}\b"),
    "US_SSN": re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    "EMAIL": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    "PHONE": re.compile(r"\+?\d{1,3}[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}"),
}

_credentials = None
_token = None
_token_expires = 0.0


def get_credentials():
    global _credentials
    if _credentials is None:
        _credentials = json.loads(secrets.get_secret_value(SecretId=SECRET_ID)["SecretString"])
    return _credentials


def get_token():
    global _token, _token_expires
    if _token is None or time.time() > _token_expires:
        creds = get_credentials()
        r = requests.post(
            f"{LOGIN_URL}/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(creds["client_id"], creds["client_secret"]),
            timeout=10,
        )
        r.raise_for_status()
        body = r.json()
        _token = body["access_token"]
        _token_expires = time.time() + body.get("expires_in", 86400) - 60
    return _token


def find_pii(conversation):
    findings = []
    for i, participant in enumerate(conversation.get("participants", [])):
        for key, value in (participant.get("attributes") or {}).items():
            field = f"participants[{i}].attributes.{key}"
            if key in FLAG_KEYS and str(value).strip().lower() in ("true", "yes", "y", "1"):
                findings.append({"kind": "FLAG", "field": field})
                continue
            for kind, pattern in PATTERNS.items():
                if pattern.search(str(value)):
                    findings.append({"kind": kind, "field": field})
    return findings


def pause_recording(conversation_id):
    r = requests.put(
        f"{API_URL}/api/v2/conversations/calls/{conversation_id}/recordingstate",
        json={"recordingState": "PAUSED"},
        headers={"Authorization": f"Bearer {get_token()}"},
        timeout=10,
    )
    r.raise_for_status()


def handler(event, context):
    conversations = event.get("conversations", [event])
    results = []
    for conversation in conversations:
        conversation_id = conversation["conversationId"]
        findings = find_pii(conversation)
        action = "none"
        if findings:
            pause_recording(conversation_id)
            action = "paused"
            logger.info("paused recording of %s (%s)", conversation_id, ", ".join(f["kind"] for f in findings))
        results.append({"conversationId": conversation_id, "pii": bool(findings), "findings": findings,
                        "action": action})
    return {"results": results}
