variable "aws_account_id" {
  description = "AWS account that receives the Genesys partner events and runs pii-pause."
  type        = string
}

variable "aws_region" {
  description = "AWS region of the partner event bus and the function."
  type        = string
}

variable "genesys_region" {
  description = "Genesys Cloud region of the org, AWS-style key (eu-west-1) or domain (mypurecloud.ie); written into the secret."
  type        = string
}

variable "event_source_suffix" {
  description = "Suffix of the partner event source: aws.partner/genesys.com/cloud/{orgId}/{suffix}."
  type        = string
  default     = "pii-pause"
}

variable "division_ids" {
  description = "Divisions the OAuth client's role covers; [\"*\"] for all. Conversations outside them get 403 missing.division.permission."
  type        = list(string)
  default     = ["*"]
}

variable "fetch_conversation" {
  description = "Grant conversation:communication:view so pii-pause can read whole conversations for non-attribute topics (GENESYS_FETCH_CONVERSATION)."
  type        = bool
  default     = true
}

variable "topics" {
  description = "Notification topics the EventBridge integration publishes; pii-pause consumes these."
  type        = list(string)
  default = [
    "v2.detail.events.conversation.{id}.attributes",
    "v2.detail.events.conversation.{id}.customer.start",
    "v2.detail.events.conversation.{id}.acd.start",
  ]
}

variable "secret_name" {
  description = "Name of the Secrets Manager secret pii-pause reads (GENESYS_SECRET_ID)."
  type        = string
  default     = "genesys/pii-pause"
}
