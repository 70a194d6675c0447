# Genesys side of pii-pause, as code: a role with the secure-pause permission, a client-credentials OAuth client
# holding that role in the right divisions, the Amazon EventBridge integration, and the AWS secret pii-pause
# reads. Client-credentials clients get their permissions from roles; OAuth scopes do not apply to them.

resource "genesyscloud_auth_role" "pii_pause" {
  name        = "pii-pause"
  description = "Secure-pause recordings of conversations whose metadata holds PII (pii-pause Lambda)"

  # conversation:recording:pauseOthers: PUT /api/v2/conversations/{media}/{id}/recordingstate and the generic PATCH.
  permission_policies {
    domain      = "conversation"
    entity_name = "recording"
    action_set  = ["pauseOthers"]
  }

  # conversation:communication:view: GET /api/v2/conversations/{id}, to scan whole conversations.
  dynamic "permission_policies" {
    for_each = var.fetch_conversation ? [1] : []
    content {
      domain      = "conversation"
      entity_name = "communication"
      action_set  = ["view"]
    }
  }
}

resource "genesyscloud_oauth_client" "pii_pause" {
  name                          = "pii-pause"
  description                   = "pii-pause Lambda: secure pause on PII"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = 86400
  state                         = "active"
  # The secret is stored in the Terraform state: keep the state encrypted, or create the client here and put the
  # secret into Secrets Manager by hand (then drop expose_client_secret and the aws_secretsmanager_* resources).
  expose_client_secret = true

  dynamic "roles" {
    for_each = toset(var.division_ids)
    content {
      role_id     = genesyscloud_auth_role.pii_pause.id
      division_id = roles.value
    }
  }
}

resource "genesyscloud_integration" "eventbridge" {
  intended_state   = "ENABLED"
  integration_type = "amazon-eventbridge-source"
  config {
    name = "Amazon EventBridge Source (pii-pause)"
    properties = jsonencode({
      "awsAccountId" : var.aws_account_id,
      "awsAccountRegion" : var.aws_region,
      "eventSourceSuffix" : var.event_source_suffix,
      "eventFilter" : var.topics
    })
    advanced = jsonencode({})
    notes    = "Conversation events for pii-pause"
  }
}

resource "aws_secretsmanager_secret" "genesys" {
  name        = var.secret_name
  description = "Genesys Cloud OAuth client of pii-pause"
}

resource "aws_secretsmanager_secret_version" "genesys" {
  secret_id = aws_secretsmanager_secret.genesys.id
  secret_string = jsonencode({
    client_id     = genesyscloud_oauth_client.pii_pause.client_id
    client_secret = genesyscloud_oauth_client.pii_pause.client_secret
    region        = var.genesys_region
  })
}
