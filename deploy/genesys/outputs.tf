output "oauth_client_id" {
  description = "Client id of the pii-pause OAuth client."
  value       = genesyscloud_oauth_client.pii_pause.client_id
}

output "secret_arn" {
  description = "Pass as the GenesysSecretArn parameter of template.yaml."
  value       = aws_secretsmanager_secret.genesys.arn
}

output "partner_event_source" {
  description = "Associate it in the EventBridge console; the bus of the same name is the PartnerEventBusName parameter."
  value       = "aws.partner/genesys.com/cloud/<orgId>/${var.event_source_suffix}"
}
