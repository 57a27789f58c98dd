# eks-sg audit as an AWS Config rule; eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)

variable "code_bucket" {
  type        = string
  description = "S3 bucket holding the function's zip"
}

variable "code_key" {
  type        = string
  description = "S3 key of the zip"
  default     = "eks-sg-config-rule.zip"
}

variable "default_setup" {
  type        = string
  description = "Categories of clusters without the tag"
  default     = ""
}

variable "security_hub" {
  type        = bool
  description = "Import findings into Security Hub"
  default     = true
}

variable "frequency" {
  type        = string
  description = "Periodic run"
  default     = "TwentyFour_Hours"
}

variable "organization_rule" {
  type        = bool
  description = "Also an organization rule"
  default     = false
}

variable "member_role_name" {
  type        = string
  description = "With organization_rule: the role assumed in each member account"
  default     = "eks-sg-audit"
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  region      = data.aws_region.current.name
  account     = data.aws_caller_identity.current.account_id
  member_role = var.member_role_name
}

resource "aws_iam_role" "function" {
  name_prefix        = "eks-sg-audit-"
  assume_role_policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}}]}"
}

resource "aws_iam_role_policy" "function" {
  role   = aws_iam_role.function.id
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"ReadClusters\", \"Effect\": \"Allow\", \"Action\": [\"eks:ListClusters\", \"eks:DescribeCluster\", \"eks:ListNodegroups\", \"eks:DescribeNodegroup\", \"ec2:DescribeSecurityGroups\", \"ec2:DescribeSecurityGroupRules\", \"ec2:DescribeVpcs\", \"ec2:DescribeLaunchTemplateVersions\", \"ec2:DescribeSubnets\", \"ec2:DescribeNetworkInterfaces\"], \"Resource\": \"*\"}, {\"Sid\": \"Evaluate\", \"Effect\": \"Allow\", \"Action\": [\"config:PutEvaluations\"], \"Resource\": \"*\"}, {\"Sid\": \"ImportFindings\", \"Effect\": \"Allow\", \"Action\": [\"securityhub:BatchImportFindings\"], \"Resource\": \"arn:aws:securityhub:${local.region}:${local.account}:product/${local.account}/default\"}, {\"Sid\": \"ResolveFindings\", \"Effect\": \"Allow\", \"Action\": [\"securityhub:GetFindings\"], \"Resource\": \"*\"}, {\"Sid\": \"MemberAccounts\", \"Effect\": \"Allow\", \"Action\": [\"sts:AssumeRole\"], \"Resource\": \"arn:aws:iam::*:role/${local.member_role}\"}]}"
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.function.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "audit" {
  function_name = "eks-sg-audit"
  role          = aws_iam_role.function.arn
  runtime       = "python3.12"
  handler       = "gen.audit.config_rule.handler"
  s3_bucket     = var.code_bucket
  s3_key        = var.code_key
  timeout       = 300
  memory_size   = 512

  environment {
    variables = { EKS_SG_MEMBER_ROLE = var.organization_rule ? var.member_role_name : "" }
  }
}

resource "aws_lambda_permission" "config" {
  statement_id   = "AllowConfig"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.audit.function_name
  principal      = "config.amazonaws.com"
  source_account = local.account
}

resource "aws_config_config_rule" "audit" {
  name             = "eks-sg-audit"
  input_parameters = jsonencode({ with = var.default_setup, securityHub = tostring(var.security_hub) })
  depends_on       = [aws_lambda_permission.config]

  scope {
    compliance_resource_types = ["AWS::EKS::Cluster", "AWS::EC2::SecurityGroup"]
  }

  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.audit.arn

    source_detail {
      message_type = "ConfigurationItemChangeNotification"
    }
    source_detail {
      message_type = "OversizedConfigurationItemChangeNotification"
    }
    source_detail {
      message_type                = "ScheduledNotification"
      maximum_execution_frequency = var.frequency
    }
  }
}

resource "aws_config_organization_custom_rule" "audit" {
  count                       = var.organization_rule ? 1 : 0
  name                        = "eks-sg-audit-organization"
  lambda_function_arn         = aws_lambda_function.audit.arn
  trigger_types               = ["ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification", "ScheduledNotification"]
  resource_types_scope        = ["AWS::EKS::Cluster", "AWS::EC2::SecurityGroup"]
  maximum_execution_frequency = var.frequency
  input_parameters            = jsonencode({ with = var.default_setup, securityHub = tostring(var.security_hub) })
  depends_on                  = [aws_lambda_permission.config]
}
