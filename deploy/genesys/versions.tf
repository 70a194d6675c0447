terraform {
  required_version = ">= 1.5"
  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = ">= 1.40.0"
    }
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

# Genesys credentials come from the environment (GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET,
# GENESYSCLOUD_REGION) of an admin OAuth client that itself holds the roles it hands out.
provider "genesyscloud" {}

provider "aws" {
  region = var.aws_region
}
