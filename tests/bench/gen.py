#!/usr/bin/env python3
"""Deterministic generator of iaclint's synthetic benchmark inputs (standard library only).

    python3 tests/bench/gen.py OUT_DIR            # everything (about 10 s, about 140 MB)
    python3 tests/bench/gen.py OUT_DIR cfn plan   # only some families: cfn, cfn-dir, plan, tf
    python3 tests/bench/gen.py OUT_DIR --cfn-resources 3000   # one extra cfn-3000.yaml

The same command writes the same bytes on every run and every machine (fixed seed, no clock,
no dict-order or hash dependence). Never point OUT_DIR into the repository.

Outputs (names are what tests/bench/run.sh and parse_bench expect):

  cfn-100.yaml, cfn-1000.yaml, cfn-10000.yaml
      CloudFormation YAML with Parameters, Conditions, Outputs and groups of resources:
      S3 bucket (encryption, public-access block, versioning, lifecycle rules), bucket policy,
      log group (RetentionInDays: !If), IAM role (trust + inline policy, !Sub ARNs), CloudTrail
      trail (!Ref bucket, !GetAtt log group and role), SNS topic, CIS metric filter + alarm,
      budget. Exactly N resources. Some groups deliberately lack a log-group retention or a
      bucket lifecycle rule, so rule engines have findings to report.
  cfn-dir/          1,000 templates of 5, 8 or 11 resources; every fifth is long-form JSON.
  plan-1mb.json, plan-10mb.json, plan-100mb.json
      `terraform show -json` output (format_version 1.2) on one line: planned_values with
      child_modules (module.account["..."] and a nested module.alarms), resource_changes with
      before/after/after_unknown/before_sensitive/after_sensitive (create/update/no-op),
      output_changes, prior_state, configuration (expressions with references, module_calls
      with nested module bodies, for_each), relevant_attributes; policies as JSON strings.
  tf-dir/           1,000 .tf files: 100 module directories of 10 files each.
  tf-1mb.tf, tf-10mb.tf   one large .tf each (variables, locals, for_each, jsonencode).
  MANIFEST.txt      name, bytes, resource count and sha256 of every output.
"""

import argparse
import hashlib
import json
import os
import random
import sys

SEED = 20261128
ACCOUNT = "123456789012"
REGION = "eu-west-1"

# CIS CloudTrail metric filters (name, pattern).
CIS_FILTERS = [
    ("RootAccountUsage",
     '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'),
    ("UnauthorizedApiCalls",
     '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'),
    ("ConsoleSignInWithoutMfa",
     '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'),
    ("IamPolicyChanges",
     '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) }'),
    ("CloudTrailConfigChanges",
     '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }'),
    ("ConsoleAuthFailures",
     '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'),
]


# --------------------------------------------------------------------------------------------
# CloudFormation: a template is built as plain data with Tag nodes, then written as YAML
# (short-form tags) or JSON (long form).
# --------------------------------------------------------------------------------------------

class Tag:
    """A CloudFormation short-form intrinsic: Tag('Ref', 'X') is `!Ref X`."""

    __slots__ = ("name", "value")

    def __init__(self, name, value):
        self.name = name
        self.value = value

    def long_form(self):
        if self.name == "Ref":
            return {"Ref": to_long(self.value)}
        if self.name == "GetAtt":
            return {"Fn::GetAtt": self.value.split(".", 1)}
        if self.name == "Condition":
            return {"Condition": self.value}
        return {"Fn::" + self.name: to_long(self.value)}


def to_long(node):
    if isinstance(node, Tag):
        return node.long_form()
    if isinstance(node, dict):
        return {k: to_long(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_long(v) for v in node]
    return node


_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}
_PLAIN_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-:$")


def yaml_scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    plain = (s and s[0].isalpha() and all(c in _PLAIN_OK for c in s) and ": " not in s
             and not s.endswith(":") and s.lower() not in _RESERVED)
    if plain:
        return s
    if "'" not in s and "\n" not in s:
        return "'" + s + "'"
    return json.dumps(s)


def _is_collection(v):
    return isinstance(v, (dict, list)) and len(v) > 0


def yaml_lines(node, indent, out):
    """Appends the block-style lines of a non-empty dict or list at `indent` spaces."""
    pad = " " * indent
    if isinstance(node, dict):
        for k, v in node.items():
            key = yaml_scalar(k)
            if isinstance(v, Tag):
                if _is_collection(v.value):
                    out.append(f"{pad}{key}: !{v.name}")
                    yaml_lines(v.value, indent + 2, out)
                else:
                    out.append(f"{pad}{key}: !{v.name} {inline(v.value)}")
            elif _is_collection(v):
                out.append(f"{pad}{key}:")
                yaml_lines(v, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {inline(v)}")
    else:
        for v in node:
            if isinstance(v, Tag):
                if _is_collection(v.value):
                    out.append(f"{pad}- !{v.name}")
                    yaml_lines(v.value, indent + 2, out)
                else:
                    out.append(f"{pad}- !{v.name} {inline(v.value)}")
            elif isinstance(v, dict) and v:
                start = len(out)
                yaml_lines(v, indent + 2, out)
                out[start] = pad + "- " + out[start][indent + 2:]
            elif isinstance(v, list) and v:
                out.append(f"{pad}-")
                yaml_lines(v, indent + 2, out)
            else:
                out.append(f"{pad}- {inline(v)}")


def inline(v):
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    if isinstance(v, Tag):
        return f"!{v.name} {inline(v.value)}"
    return yaml_scalar(v)


def to_yaml(template):
    out = []
    for section, body in template.items():
        if _is_collection(body):
            out.append(f"{section}:")
            yaml_lines(body, 2, out)
        else:
            out.append(f"{section}: {inline(body)}")
        out.append("")
    return "\n".join(out)


def cfn_parameters():
    return {
        "Environment": {
            "Type": "String",
            "Default": "dev",
            "AllowedValues": ["dev", "staging", "prod"],
            "Description": "Deployment stage; prod keeps logs longer.",
        },
        "LogRetentionDays": {
            "Type": "Number",
            "Default": 90,
            "AllowedValues": [30, 90, 180, 365],
            "Description": "CloudWatch Logs retention outside prod.",
        },
        "AlarmEmail": {
            "Type": "String",
            "Default": "",
            "Description": "Optional e-mail subscribed to the alarm topics.",
        },
        "MonthlyBudget": {
            "Type": "Number",
            "Default": 1000,
            "MinValue": 1,
            "Description": "Monthly cost budget in USD.",
        },
        "CreateBudgets": {
            "Type": "String",
            "Default": "true",
            "AllowedValues": ["true", "false"],
        },
    }


def cfn_conditions():
    return {
        "IsProd": Tag("Equals", [Tag("Ref", "Environment"), "prod"]),
        "HasAlarmEmail": Tag("Not", [Tag("Equals", [Tag("Ref", "AlarmEmail"), ""])]),
        "CreateBudget": Tag("Equals", [Tag("Ref", "CreateBudgets"), "true"]),
    }


GROUP_ORDER = ["Bucket", "BucketPolicy", "LogGroup", "Role", "Trail", "Topic", "Filter", "Alarm",
               "Budget"]


def cfn_group(g, rng):
    """One group of 9 resources, in an order where every prefix is self-consistent."""
    n = f"{g:05d}"
    filt_name, filt_pattern = CIS_FILTERS[g % len(CIS_FILTERS)]
    tags = [
        {"Key": "Project", "Value": "iaclint-bench"},
        {"Key": "Group", "Value": n},
        {"Key": "Owner", "Value": rng.choice(["platform", "security", "finops", "audit"])},
    ]
    bucket = {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "VersioningConfiguration": {"Status": "Enabled"},
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "archive-then-expire",
                        "Status": "Enabled",
                        "Transitions": [
                            {"StorageClass": "STANDARD_IA", "TransitionInDays": 30},
                            {"StorageClass": "GLACIER", "TransitionInDays": 90 + 30 * (g % 3)},
                        ],
                        "ExpirationInDays": Tag("If", ["IsProd", 2557, 365]),
                    },
                    {
                        "Id": "cleanup",
                        "Status": "Enabled",
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                    },
                ]
            },
            "Tags": tags,
        },
    }
    if g % 11 == 5:  # a trail bucket without any lifecycle rule
        del bucket["Properties"]["LifecycleConfiguration"]
    bucket_policy = {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": Tag("Ref", f"TrailBucket{n}"),
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AWSCloudTrailAclCheck",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "s3:GetBucketAcl",
                        "Resource": Tag("GetAtt", f"TrailBucket{n}.Arn"),
                    },
                    {
                        "Sid": "AWSCloudTrailWrite",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": Tag("Sub", f"${{TrailBucket{n}.Arn}}/AWSLogs/${{AWS::AccountId}}/*"),
                        "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
                    },
                    {
                        "Sid": "DenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [
                            Tag("GetAtt", f"TrailBucket{n}.Arn"),
                            Tag("Sub", f"${{TrailBucket{n}.Arn}}/*"),
                        ],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    },
                ],
            },
        },
    }
    log_group = {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "LogGroupName": Tag("Sub", f"/aws/cloudtrail/${{AWS::StackName}}-{n}"),
            "RetentionInDays": Tag("If", ["IsProd", 365, Tag("Ref", "LogRetentionDays")]),
            "Tags": tags,
        },
    }
    if g % 7 == 3:  # a trail log group that keeps logs forever
        del log_group["Properties"]["RetentionInDays"]
    role = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "Description": f"Lets CloudTrail trail {n} deliver events to CloudWatch Logs.",
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {
                            "StringEquals": {"aws:SourceAccount": Tag("Ref", "AWS::AccountId")}
                        },
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": "cloudwatch-logs-delivery",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "CreateStreamAndPut",
                                "Effect": "Allow",
                                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                                "Resource": Tag(
                                    "Sub",
                                    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}"
                                    f":log-group:${{TrailLogGroup{n}}}:log-stream:*",
                                ),
                            }
                        ],
                    },
                }
            ],
            "Tags": tags,
        },
    }
    trail = {
        "Type": "AWS::CloudTrail::Trail",
        "DependsOn": f"TrailBucketPolicy{n}",
        "Properties": {
            "IsLogging": True,
            "S3BucketName": Tag("Ref", f"TrailBucket{n}"),
            "CloudWatchLogsLogGroupArn": Tag("GetAtt", f"TrailLogGroup{n}.Arn"),
            "CloudWatchLogsRoleArn": Tag("GetAtt", f"TrailLogsRole{n}.Arn"),
            "IncludeGlobalServiceEvents": True,
            "IsMultiRegionTrail": True,
            "EnableLogFileValidation": True,
            "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": True}],
            "Tags": tags,
        },
    }
    topic = {
        "Type": "AWS::SNS::Topic",
        "Properties": {
            "DisplayName": f"Security alarms {n}",
            "KmsMasterKeyId": "alias/aws/sns",
            "Subscription": Tag("If", [
                "HasAlarmEmail",
                [{"Endpoint": Tag("Ref", "AlarmEmail"), "Protocol": "email"}],
                Tag("Ref", "AWS::NoValue"),
            ]),
            "Tags": tags,
        },
    }
    metric_filter = {
        "Type": "AWS::Logs::MetricFilter",
        "Properties": {
            "LogGroupName": Tag("Ref", f"TrailLogGroup{n}"),
            "FilterPattern": filt_pattern,
            "MetricTransformations": [
                {"MetricNamespace": "CISBenchmark", "MetricName": f"{filt_name}{n}", "MetricValue": "1"}
            ],
        },
    }
    alarm = {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmDescription": f"CIS: {filt_name} seen in trail {n}",
            "Namespace": "CISBenchmark",
            "MetricName": f"{filt_name}{n}",
            "Statistic": "Sum",
            "Period": 300,
            "EvaluationPeriods": 1,
            "Threshold": 1,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
            "TreatMissingData": "notBreaching",
            "AlarmActions": [Tag("Ref", f"SecurityAlarmTopic{n}")],
        },
    }
    budget = {
        "Type": "AWS::Budgets::Budget",
        "Condition": "CreateBudget",
        "Properties": {
            "Budget": {
                "BudgetName": Tag("Sub", f"${{AWS::StackName}}-monthly-{n}"),
                "BudgetType": "COST",
                "TimeUnit": "MONTHLY",
                "BudgetLimit": {"Amount": Tag("Ref", "MonthlyBudget"), "Unit": "USD"},
            },
            "NotificationsWithSubscribers": [
                {
                    "Notification": {
                        "NotificationType": kind,
                        "ComparisonOperator": "GREATER_THAN",
                        "Threshold": threshold,
                        "ThresholdType": "PERCENTAGE",
                    },
                    "Subscribers": [
                        {"SubscriptionType": "SNS", "Address": Tag("Ref", f"SecurityAlarmTopic{n}")}
                    ],
                }
                for kind, threshold in (("ACTUAL", 80), ("FORECASTED", 100))
            ],
        },
    }
    return [
        (f"TrailBucket{n}", bucket),
        (f"TrailBucketPolicy{n}", bucket_policy),
        (f"TrailLogGroup{n}", log_group),
        (f"TrailLogsRole{n}", role),
        (f"Trail{n}", trail),
        (f"SecurityAlarmTopic{n}", topic),
        (f"{filt_name}Filter{n}", metric_filter),
        (f"{filt_name}Alarm{n}", alarm),
        (f"MonthlyBudget{n}", budget),
    ]


def cfn_template(resources, seed, first_group=0, max_outputs=60):
    rng = random.Random(seed)
    res = {}
    outputs = {}
    g = first_group
    while len(res) < resources:
        group = cfn_group(g, rng)
        for logical_id, body in group[: resources - len(res)]:
            res[logical_id] = body
        n = f"{g:05d}"
        if len(outputs) + 2 <= max_outputs and f"Trail{n}" in res:
            outputs[f"TrailArn{n}"] = {
                "Description": f"ARN of trail {n}",
                "Value": Tag("GetAtt", f"Trail{n}.Arn"),
            }
            outputs[f"TrailBucketName{n}"] = {
                "Description": f"Bucket of trail {n}",
                "Value": Tag("Ref", f"TrailBucket{n}"),
                "Export": {"Name": Tag("Sub", f"${{AWS::StackName}}-TrailBucket{n}")},
            }
        g += 1
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"iaclint benchmark: account security baseline ({resources} resources).",
        "Parameters": cfn_parameters(),
        "Conditions": cfn_conditions(),
        "Resources": res,
    }
    if outputs:
        template["Outputs"] = outputs
    # Drop what the template does not use, so linters do not report unused parameters/conditions.
    used = json.dumps(to_long({"Resources": res, "Outputs": outputs}))
    conds = template["Conditions"]
    for c in list(conds):
        if f'"{c}"' not in used:
            del conds[c]
    used += json.dumps(to_long(conds))
    for prm in list(template["Parameters"]):
        if f'{{"Ref": "{prm}"}}' not in used:
            del template["Parameters"][prm]
    if not conds:
        del template["Conditions"]
    return template


def gen_cfn(out, sizes, manifest):
    for n in sizes:
        t = cfn_template(n, SEED + n)
        write(out, f"cfn-{n}.yaml", to_yaml(t), manifest, n)


def gen_cfn_dir(out, manifest, files=1000):
    d = os.path.join(out, "cfn-dir")
    os.makedirs(d, exist_ok=True)
    total = 0
    for i in range(files):
        n = (5, 8, 11)[i % 3]
        t = cfn_template(n, SEED + 7 * i, first_group=i * 2, max_outputs=4)
        if i % 5 == 4:
            name, text = f"stack-{i:04d}.json", json.dumps(to_long(t), indent=2) + "\n"
        else:
            name, text = f"stack-{i:04d}.yaml", to_yaml(t)
        write(d, name, text, None)
        total += n
    add_dir_manifest(out, "cfn-dir", manifest, total)


# --------------------------------------------------------------------------------------------
# Terraform plan JSON (`terraform show -json`, format 1.2), streamed section by section.
# --------------------------------------------------------------------------------------------

PROVIDER = "registry.terraform.io/hashicorp/aws"


def policy_json(statements):
    # Terraform stores policies as JSON strings; the provider normalises them compactly.
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, separators=(",", ":"))


def tags_for(acct, name, env):
    return {"Environment": env, "ManagedBy": "terraform", "Name": name, "Project": "iaclint-bench",
            "Account": acct}


def plan_account_resources(acct, i, rng, root=False):
    """The resources of one module.account[acct] instance (or of the root module when root):
    list of (module_path, type, name, index, values, unknown_keys, depends_on)."""
    env = ("prod", "staging", "dev")[i % 3]
    prefix = f"bench-{acct}"
    bucket = f"{prefix}-cloudtrail-{rng.randrange(10**6):06d}"
    bucket_arn = f"arn:aws:s3:::{bucket}"
    lg_name = f"/aws/cloudtrail/{prefix}"
    lg_arn = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{lg_name}"
    role_name = f"{prefix}-cloudtrail-cwl"
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/{role_name}"
    trail_name = f"{prefix}-trail"
    topic_name = f"{prefix}-security-alarms"
    topic_arn = f"arn:aws:sns:{REGION}:{ACCOUNT}:{topic_name}"
    tags = tags_for(acct, trail_name, env)
    retention = None if i % 7 == 3 else (365 if env == "prod" else 90)
    mod = "" if root else f'module.account["{acct}"]'
    alarms_mod = f"{mod}.module.alarms" if mod else "module.alarms"
    res = []

    def a(rtype, name, index=None, m=None):
        return address_of(mod if m is None else m, rtype, name, index)

    res.append((mod, "aws_s3_bucket", "trail", None, {
        "acceleration_status": "", "acl": None, "arn": bucket_arn, "bucket": bucket,
        "bucket_domain_name": f"{bucket}.s3.amazonaws.com", "bucket_prefix": "",
        "bucket_regional_domain_name": f"{bucket}.s3.{REGION}.amazonaws.com",
        "cors_rule": [], "force_destroy": False, "grant": [{
            "id": "a" * 64, "permissions": ["FULL_CONTROL"], "type": "CanonicalUser", "uri": ""}],
        "hosted_zone_id": "Z1BKCTXD74EZPE", "id": bucket, "lifecycle_rule": [], "logging": [],
        "object_lock_configuration": [], "object_lock_enabled": False, "policy": "",
        "region": REGION, "replication_configuration": [], "request_payer": "BucketOwner",
        "server_side_encryption_configuration": [{"rule": [{
            "apply_server_side_encryption_by_default": [{"kms_master_key_id": "", "sse_algorithm": "AES256"}],
            "bucket_key_enabled": False}]}],
        "tags": tags, "tags_all": tags, "timeouts": None,
        "versioning": [{"enabled": True, "mfa_delete": False}], "website": [],
        "website_domain": None, "website_endpoint": None,
    }, ["arn", "bucket_domain_name", "bucket_regional_domain_name", "hosted_zone_id", "id",
        "region", "acceleration_status", "request_payer", "policy"], []))

    if i % 11 != 5:  # count = var.lifecycle_enabled ? 1 : 0
        res.append((mod, "aws_s3_bucket_lifecycle_configuration", "trail", 0, {
            "bucket": bucket, "expected_bucket_owner": "", "id": bucket,
            "rule": [
                {"abort_incomplete_multipart_upload": [], "expiration": [{
                    "date": None, "days": 2557 if env == "prod" else 365,
                    "expired_object_delete_marker": False}],
                 "filter": [{"and": [], "object_size_greater_than": None,
                             "object_size_less_than": None, "prefix": "AWSLogs/", "tag": []}],
                 "id": "archive-then-expire", "noncurrent_version_expiration": [],
                 "noncurrent_version_transition": [], "prefix": "", "status": "Enabled",
                 "transition": [{"date": None, "days": 30, "storage_class": "STANDARD_IA"},
                                {"date": None, "days": 90, "storage_class": "GLACIER"}]},
                {"abort_incomplete_multipart_upload": [{"days_after_initiation": 7}],
                 "expiration": [], "filter": [{"and": [], "object_size_greater_than": None,
                                               "object_size_less_than": None, "prefix": "", "tag": []}],
                 "id": "cleanup", "noncurrent_version_expiration": [{
                     "newer_noncurrent_versions": None, "noncurrent_days": 30}],
                 "noncurrent_version_transition": [], "prefix": "", "status": "Enabled",
                 "transition": []},
            ],
            "timeouts": None, "transition_default_minimum_object_size": "all_storage_classes_128K",
        }, ["id"], [a("aws_s3_bucket", "trail")]))

    res.append((mod, "aws_s3_bucket_policy", "trail", None, {
        "bucket": bucket, "id": bucket,
        "policy": policy_json([
            {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow",
             "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetBucketAcl",
             "Resource": bucket_arn},
            {"Sid": "AWSCloudTrailWrite", "Effect": "Allow",
             "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
             "Resource": f"{bucket_arn}/AWSLogs/{ACCOUNT}/*",
             "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                            "aws:SourceArn": f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{trail_name}"}}},
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": [bucket_arn, f"{bucket_arn}/*"],
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        ]),
    }, ["id"], [a("aws_s3_bucket", "trail")]))

    res.append((mod, "aws_cloudwatch_log_group", "trail", None, {
        "arn": lg_arn, "id": lg_name, "kms_key_id": "", "log_group_class": "STANDARD",
        "name": lg_name, "name_prefix": "", "retention_in_days": retention or 0,
        "skip_destroy": False, "tags": tags, "tags_all": tags,
    }, ["arn", "id", "name_prefix"], []))

    res.append((mod, "aws_iam_role", "cloudtrail_cwl", None, {
        "arn": role_arn,
        "assume_role_policy": policy_json([{
            "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}}]),
        "create_date": "2026-01-15T09:30:00Z", "description": f"CloudTrail to CloudWatch Logs for {acct}",
        "force_detach_policies": False, "id": role_name,
        "inline_policy": [{"name": "cloudwatch-logs-delivery", "policy": policy_json([{
            "Sid": "CreateStreamAndPut", "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": f"{lg_arn}:log-stream:*"}])}],
        "managed_policy_arns": [], "max_session_duration": 3600, "name": role_name,
        "name_prefix": "", "path": "/", "permissions_boundary": "", "tags": tags,
        "tags_all": tags, "unique_id": "AROA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(17)),
    }, ["arn", "create_date", "id", "unique_id", "managed_policy_arns", "name_prefix"],
        [a("aws_cloudwatch_log_group", "trail")]))

    res.append((mod, "aws_cloudtrail", "this", None, {
        "advanced_event_selector": [], "arn": f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{trail_name}",
        "cloud_watch_logs_group_arn": f"{lg_arn}:*", "cloud_watch_logs_role_arn": role_arn,
        "enable_log_file_validation": True, "enable_logging": True,
        "event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": [f"{bucket_arn}/"]}],
                            "exclude_management_event_sources": [],
                            "include_management_events": True, "read_write_type": "All"}],
        "home_region": REGION, "id": trail_name, "include_global_service_events": True,
        "insight_selector": [], "is_multi_region_trail": True, "is_organization_trail": False,
        "kms_key_id": "", "name": trail_name, "s3_bucket_name": bucket, "s3_key_prefix": "",
        "sns_topic_arn": "", "sns_topic_name": "", "tags": tags, "tags_all": tags,
    }, ["arn", "home_region", "id", "sns_topic_arn", "cloud_watch_logs_group_arn",
        "cloud_watch_logs_role_arn"],
        [a("aws_cloudwatch_log_group", "trail"), a("aws_iam_role", "cloudtrail_cwl"),
         a("aws_s3_bucket", "trail"), a("aws_s3_bucket_policy", "trail")]))

    res.append((mod, "aws_budgets_budget", "monthly", None, {
        "account_id": ACCOUNT, "arn": f"arn:aws:budgets::{ACCOUNT}:budget/{prefix}-monthly",
        "auto_adjust_data": [], "budget_type": "COST", "cost_filter": [],
        "cost_types": [{"include_credit": False, "include_discount": True, "include_other_subscription": True,
                        "include_recurring": True, "include_refund": False, "include_subscription": True,
                        "include_support": True, "include_tax": True, "include_upfront": True,
                        "use_amortized": False, "use_blended": False}],
        "id": f"{ACCOUNT}:{prefix}-monthly", "limit_amount": f"{1000 + 250 * (i % 8)}.0",
        "limit_unit": "USD", "name": f"{prefix}-monthly", "name_prefix": "", "planned_limit": [],
        "tags": tags, "tags_all": tags, "time_period_end": "2087-06-15_00:00",
        "time_period_start": "2026-01-01_00:00", "time_unit": "MONTHLY",
        "notification": [{"comparison_operator": "GREATER_THAN", "notification_type": kind,
                          "subscriber_email_addresses": [], "subscriber_sns_topic_arns": [topic_arn],
                          "threshold": thr, "threshold_type": "PERCENTAGE"}
                         for kind, thr in (("ACTUAL", 80), ("FORECASTED", 100))],
    }, ["arn", "id", "account_id", "time_period_start"], [a("aws_sns_topic", "alarms", m=alarms_mod)]))

    res.append((alarms_mod, "aws_sns_topic", "alarms", None, {
        "application_failure_feedback_role_arn": "", "arn": topic_arn, "content_based_deduplication": False,
        "delivery_policy": "", "display_name": f"Security alarms {acct}", "fifo_topic": False,
        "id": topic_arn, "kms_master_key_id": "alias/aws/sns", "name": topic_name, "name_prefix": "",
        "owner": ACCOUNT, "policy": policy_json([{
            "Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
            "Action": ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"], "Resource": topic_arn,
            "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}}]),
        "signature_version": 0, "tags": tags, "tags_all": tags, "tracing_config": "",
    }, ["arn", "id", "owner", "policy", "signature_version", "tracing_config"], []))

    for fname, pattern in CIS_FILTERS:
        key = fname
        res.append((alarms_mod, "aws_cloudwatch_log_metric_filter", "cis", key, {
            "id": f"{prefix}-{fname}", "log_group_name": lg_name, "name": f"{prefix}-{fname}",
            "pattern": pattern,
            "metric_transformation": [{"default_value": "", "dimensions": {}, "name": fname,
                                       "namespace": "CISBenchmark", "unit": "None", "value": "1"}],
        }, ["id"], [a("aws_cloudwatch_log_group", "trail")]))
        res.append((alarms_mod, "aws_cloudwatch_metric_alarm", "cis", key, {
            "actions_enabled": True, "alarm_actions": [topic_arn],
            "alarm_description": f"CIS {fname} in {acct}", "alarm_name": f"{prefix}-{fname}",
            "arn": f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{prefix}-{fname}",
            "comparison_operator": "GreaterThanOrEqualToThreshold", "datapoints_to_alarm": 0,
            "dimensions": {}, "evaluate_low_sample_count_percentiles": "", "evaluation_periods": 1,
            "extended_statistic": "", "id": f"{prefix}-{fname}", "insufficient_data_actions": [],
            "metric_name": fname, "metric_query": [], "namespace": "CISBenchmark", "ok_actions": [],
            "period": 300, "statistic": "Sum", "tags": tags, "tags_all": tags, "threshold": 1,
            "threshold_metric_id": "", "treat_missing_data": "notBreaching", "unit": "",
        }, ["arn", "id", "evaluate_low_sample_count_percentiles"],
            [a("aws_cloudwatch_log_metric_filter", "cis", m=alarms_mod),
             a("aws_sns_topic", "alarms", m=alarms_mod)]))
    return res


def sensitive_shape(v):
    """Terraform's *_sensitive shape: false leaves dropped, containers kept (empty)."""
    if isinstance(v, dict):
        return {k: sensitive_shape(x) for k, x in v.items() if isinstance(x, (dict, list))}
    if isinstance(v, list):
        return [sensitive_shape(x) if isinstance(x, (dict, list)) else False for x in v]
    return False


def unknown_shape(v, unknown):
    out = {}
    for k, x in v.items():
        if k in unknown:
            out[k] = True
        elif isinstance(x, dict):
            out[k] = {}
        elif isinstance(x, list):
            out[k] = [unknown_shape(e, ()) if isinstance(e, dict) else False for e in x]
    return out


def address_of(mod, rtype, name, index):
    a = f"{mod}.{rtype}.{name}" if mod else f"{rtype}.{name}"
    if isinstance(index, int):
        a += f"[{index}]"
    elif index is not None:
        a += f'["{index}"]'
    return a


def mutate(values, rng):
    """A plausible `before` for an update: tags or a few scalars differ."""
    before = json.loads(json.dumps(values))
    if "tags" in before and isinstance(before["tags"], dict):
        t = dict(before["tags"])
        t["Environment"] = "legacy"
        before["tags"] = t
        before["tags_all"] = t
    for k in ("retention_in_days", "period", "max_session_duration"):
        if k in before and isinstance(before[k], int) and before[k]:
            before[k] = before[k] * 2
    return before


class PlanWriter:
    def __init__(self, path):
        self.f = open(path, "w", encoding="utf-8", newline="\n")

    def raw(self, s):
        self.f.write(s)

    def value(self, v):
        self.f.write(json.dumps(v, separators=(",", ":"), ensure_ascii=False))

    def seq(self, items):
        self.f.write("[")
        first = True
        for it in items:
            if not first:
                self.f.write(",")
            first = False
            self.value(it)
        self.f.write("]")

    def close(self):
        self.f.close()


def config_module_body():
    """configuration.module_calls.account.module: the module body, written once per call."""
    def ref(*r):
        return {"references": list(r)}

    def const(v):
        return {"constant_value": v}

    alarms_body = {
        "outputs": {"topic_arn": {"expression": ref("aws_sns_topic.alarms.arn", "aws_sns_topic.alarms")}},
        "resources": [
            {"address": "aws_sns_topic.alarms", "mode": "managed", "type": "aws_sns_topic", "name": "alarms",
             "provider_config_key": "aws", "expressions": {
                 "display_name": ref("var.name"), "kms_master_key_id": const("alias/aws/sns"),
                 "name": ref("var.name"), "tags": ref("var.tags")}, "schema_version": 0},
            {"address": "aws_cloudwatch_log_metric_filter.cis", "mode": "managed",
             "type": "aws_cloudwatch_log_metric_filter", "name": "cis", "provider_config_key": "aws",
             "expressions": {
                 "log_group_name": ref("var.log_group_name"),
                 "metric_transformation": [{"name": ref("each.key"), "namespace": const("CISBenchmark"),
                                            "value": const("1")}],
                 "name": ref("var.name", "each.key"), "pattern": ref("each.value")},
             "schema_version": 0, "for_each_expression": ref("local.cis_filters")},
            {"address": "aws_cloudwatch_metric_alarm.cis", "mode": "managed",
             "type": "aws_cloudwatch_metric_alarm", "name": "cis", "provider_config_key": "aws",
             "expressions": {
                 "alarm_actions": ref("aws_sns_topic.alarms.arn", "aws_sns_topic.alarms"),
                 "alarm_description": ref("each.key", "var.name"),
                 "alarm_name": ref("var.name", "each.key"),
                 "comparison_operator": const("GreaterThanOrEqualToThreshold"),
                 "evaluation_periods": const(1),
                 "metric_name": ref("aws_cloudwatch_log_metric_filter.cis", "each.key"),
                 "namespace": const("CISBenchmark"), "period": const(300), "statistic": const("Sum"),
                 "tags": ref("var.tags"), "threshold": const(1),
                 "treat_missing_data": const("notBreaching")},
             "schema_version": 1, "for_each_expression": ref("local.cis_filters")},
        ],
        "variables": {"log_group_name": {"description": "Trail log group"}, "name": {},
                      "tags": {"default": {}}},
    }
    return {
        "outputs": {
            "trail_arn": {"expression": ref("aws_cloudtrail.this.arn", "aws_cloudtrail.this")},
            "bucket": {"expression": ref("aws_s3_bucket.trail.id", "aws_s3_bucket.trail")},
        },
        "resources": [
            {"address": "aws_s3_bucket.trail", "mode": "managed", "type": "aws_s3_bucket", "name": "trail",
             "provider_config_key": "aws", "expressions": {
                 "bucket_prefix": ref("local.prefix"), "force_destroy": const(False),
                 "tags": ref("local.tags")}, "schema_version": 0},
            {"address": "aws_s3_bucket_lifecycle_configuration.trail", "mode": "managed",
             "type": "aws_s3_bucket_lifecycle_configuration", "name": "trail", "provider_config_key": "aws",
             "expressions": {
                 "bucket": ref("aws_s3_bucket.trail.id", "aws_s3_bucket.trail"),
                 "rule": [{"id": const("archive-then-expire"), "status": const("Enabled"),
                           "expiration": [{"days": ref("var.environment")}],
                           "filter": [{"prefix": const("AWSLogs/")}],
                           "transition": [{"days": const(30), "storage_class": const("STANDARD_IA")},
                                          {"days": const(90), "storage_class": const("GLACIER")}]},
                          {"id": const("cleanup"), "status": const("Enabled"),
                           "abort_incomplete_multipart_upload": [{"days_after_initiation": const(7)}],
                           "noncurrent_version_expiration": [{"noncurrent_days": const(30)}],
                           "filter": [{}]}]},
             "schema_version": 0, "count_expression": ref("var.lifecycle_enabled")},
            {"address": "aws_s3_bucket_policy.trail", "mode": "managed", "type": "aws_s3_bucket_policy",
             "name": "trail", "provider_config_key": "aws", "expressions": {
                 "bucket": ref("aws_s3_bucket.trail.id", "aws_s3_bucket.trail"),
                 "policy": ref("aws_s3_bucket.trail.arn", "aws_s3_bucket.trail", "data.aws_caller_identity.current.account_id",
                               "data.aws_caller_identity.current", "local.trail_name")},
             "schema_version": 0},
            {"address": "aws_cloudwatch_log_group.trail", "mode": "managed", "type": "aws_cloudwatch_log_group",
             "name": "trail", "provider_config_key": "aws", "expressions": {
                 "name": ref("local.prefix"), "retention_in_days": ref("var.environment", "var.log_retention_days"),
                 "tags": ref("local.tags")}, "schema_version": 0},
            {"address": "aws_iam_role.cloudtrail_cwl", "mode": "managed", "type": "aws_iam_role",
             "name": "cloudtrail_cwl", "provider_config_key": "aws", "expressions": {
                 "assume_role_policy": ref("data.aws_caller_identity.current.account_id",
                                           "data.aws_caller_identity.current"),
                 "description": ref("var.account_name"),
                 "inline_policy": [{"name": const("cloudwatch-logs-delivery"),
                                    "policy": ref("aws_cloudwatch_log_group.trail.arn",
                                                  "aws_cloudwatch_log_group.trail")}],
                 "name": ref("local.prefix"), "tags": ref("local.tags")}, "schema_version": 0},
            {"address": "aws_cloudtrail.this", "mode": "managed", "type": "aws_cloudtrail", "name": "this",
             "provider_config_key": "aws", "expressions": {
                 "cloud_watch_logs_group_arn": ref("aws_cloudwatch_log_group.trail.arn",
                                                   "aws_cloudwatch_log_group.trail"),
                 "cloud_watch_logs_role_arn": ref("aws_iam_role.cloudtrail_cwl.arn", "aws_iam_role.cloudtrail_cwl"),
                 "enable_log_file_validation": const(True),
                 "event_selector": [{"data_resource": [{"type": const("AWS::S3::Object"),
                                                        "values": ref("aws_s3_bucket.trail.arn",
                                                                      "aws_s3_bucket.trail")}],
                                     "include_management_events": const(True),
                                     "read_write_type": const("All")}],
                 "include_global_service_events": const(True), "is_multi_region_trail": const(True),
                 "name": ref("local.trail_name"), "s3_bucket_name": ref("aws_s3_bucket.trail.id",
                                                                         "aws_s3_bucket.trail"),
                 "tags": ref("local.tags")},
             "schema_version": 0, "depends_on": ["aws_s3_bucket_policy.trail"]},
            {"address": "aws_budgets_budget.monthly", "mode": "managed", "type": "aws_budgets_budget",
             "name": "monthly", "provider_config_key": "aws", "expressions": {
                 "budget_type": const("COST"), "limit_amount": ref("var.monthly_budget"),
                 "limit_unit": const("USD"), "name": ref("local.prefix"), "time_unit": const("MONTHLY"),
                 "notification": [{"comparison_operator": const("GREATER_THAN"),
                                   "notification_type": const("ACTUAL"),
                                   "subscriber_sns_topic_arns": ref("module.alarms.topic_arn", "module.alarms"),
                                   "threshold": const(80), "threshold_type": const("PERCENTAGE")}],
                 "tags": ref("local.tags")}, "schema_version": 0},
            {"address": "data.aws_caller_identity.current", "mode": "data", "type": "aws_caller_identity",
             "name": "current", "provider_config_key": "aws", "schema_version": 0},
        ],
        "module_calls": {
            "alarms": {"source": "../alarms", "expressions": {
                "log_group_name": ref("aws_cloudwatch_log_group.trail.name", "aws_cloudwatch_log_group.trail"),
                "name": ref("local.prefix"), "tags": ref("local.tags")},
                "module": alarms_body},
        },
        "variables": {
            "account_name": {"description": "Account key"},
            "environment": {"default": "dev"},
            "log_retention_days": {"default": 90},
            "lifecycle_enabled": {"default": True},
            "monthly_budget": {"default": "1000"},
        },
    }


def module_parent(path):
    if not path:
        return None
    i = path.rfind(".module.")
    return "" if i < 0 else path[:i]


def gen_plan(path, accounts, seed):
    """Writes a plan for the root module's own baseline plus `accounts` instances of
    module.account (each with a nested module.alarms); returns (bytes, resource count)."""
    rng = random.Random(seed)
    accts = [f"acct-{i:05d}" for i in range(accounts)]
    resources = plan_account_resources("org", 0, rng, root=True)
    for i, a in enumerate(accts):
        resources += plan_account_resources(a, i + 1, rng)
    arng = random.Random(seed + 1)
    actions = {}
    for r in resources:
        x = arng.random()
        actions[address_of(*r[:4])] = "create" if x < 0.7 else ("update" if x < 0.9 else "no-op")
    befores = {}
    for r in resources:
        if actions[address_of(*r[:4])] == "update":
            befores[address_of(*r[:4])] = mutate(r[4], arng)

    # Module tree, in first-seen order.
    by_module, children = {}, {}
    for r in resources:
        m = r[0]
        if m not in by_module:
            by_module[m] = []
            node = m
            while node:
                par = module_parent(node)
                children.setdefault(par, [])
                if node not in children[par]:
                    children[par].append(node)
                if par in by_module:
                    break
                by_module.setdefault(par, [])
                node = par
        by_module[m].append(r)

    def entry(r, values, with_deps):
        mod, rtype, name, index, full, unknown, deps = r
        e = {"address": address_of(mod, rtype, name, index), "mode": "managed", "type": rtype, "name": name}
        if index is not None:
            e["index"] = index
        e["provider_name"] = PROVIDER
        e["schema_version"] = 1 if rtype == "aws_cloudwatch_metric_alarm" else 0
        e["values"] = values
        e["sensitive_values"] = sensitive_shape(full)
        if with_deps and deps:
            e["depends_on"] = deps
        return e

    def planned(r):
        if actions[address_of(*r[:4])] == "create":
            return entry(r, {k: v for k, v in r[4].items() if k not in r[5]}, False)
        return entry(r, r[4], False)

    def prior(r):
        return entry(r, befores.get(address_of(*r[:4]), r[4]), True)

    def has_prior(m):
        return any(actions[address_of(*r[:4])] != "create" for r in by_module.get(m, [])) or \
            any(has_prior(c) for c in children.get(m, []))

    def write_module(w, m, make, keep):
        rs = [make(r) for r in by_module.get(m, []) if keep(r)]
        kids = [c for c in children.get(m, []) if keep is ALL or has_prior(c)]
        w.raw("{")
        sep = ""
        if rs:
            w.raw('"resources":')
            w.seq(rs)
            sep = ","
        if m:
            w.raw(sep + '"address":')
            w.value(m)
            sep = ","
        if kids:
            w.raw(sep + '"child_modules":[')
            for k, c in enumerate(kids):
                if k:
                    w.raw(",")
                write_module(w, c, make, keep)
            w.raw("]")
        w.raw("}")

    def ALL(r):
        return True

    def existing(r):
        return actions[address_of(*r[:4])] != "create"

    w = PlanWriter(path)
    w.raw('{"format_version":"1.2","terraform_version":"1.9.8","variables":')
    w.value({"accounts": {"value": {a: {"environment": ("prod", "staging", "dev")[(i + 1) % 3]}
                                    for i, a in enumerate(accts)}},
             "environment": {"value": "prod"}, "log_retention_days": {"value": 90},
             "region": {"value": REGION}})

    w.raw(',"planned_values":{"outputs":{"trail_arns":{"sensitive":false}},"root_module":')
    write_module(w, "", planned, ALL)
    w.raw("}")

    w.raw(',"resource_changes":')

    def changes():
        for r in resources:
            mod, rtype, name, index, values, unknown, deps = r
            addr = address_of(mod, rtype, name, index)
            act = actions[addr]
            c = {"address": addr}
            if mod:
                c["module_address"] = mod
            c.update({"mode": "managed", "type": rtype, "name": name})
            if index is not None:
                c["index"] = index
            c["provider_name"] = PROVIDER
            if act == "create":
                after = {k: v for k, v in values.items() if k not in unknown}
                change = {"actions": ["create"], "before": None, "after": after,
                          "after_unknown": unknown_shape(values, set(unknown)),
                          "before_sensitive": False, "after_sensitive": sensitive_shape(values)}
            else:
                change = {"actions": [act], "before": befores.get(addr, values), "after": values,
                          "after_unknown": unknown_shape(values, set()),
                          "before_sensitive": sensitive_shape(values),
                          "after_sensitive": sensitive_shape(values)}
            c["change"] = change
            yield c
    w.seq(changes())

    w.raw(',"output_changes":{"trail_arns":{"actions":["update"],"before":[],"after_unknown":true,'
          '"before_sensitive":false,"after_sensitive":false}}')

    w.raw(',"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"outputs":'
          '{"trail_arns":{"sensitive":false,"value":[],"type":["list","string"]}},"root_module":')
    write_module(w, "", prior, existing)
    w.raw("}}")

    body = config_module_body()
    root_cfg = {
        "outputs": {"trail_arns": {"expression": {"references": ["module.account"]}}},
        "resources": body["resources"],
        "module_calls": {
            "alarms": body["module_calls"]["alarms"],
            "account": {
                "source": "./modules/account-baseline",
                "expressions": {
                    "account_name": {"references": ["each.key"]},
                    "environment": {"references": ["each.value.environment", "each.value"]},
                    "log_retention_days": {"references": ["var.log_retention_days"]},
                },
                "for_each_expression": {"references": ["var.accounts"]},
                "module": body,
            },
        },
        "variables": {"accounts": {"description": "Accounts to baseline"},
                      "environment": {"default": "prod"},
                      "log_retention_days": {"default": 90},
                      "region": {"default": REGION}},
    }
    w.raw(',"configuration":')
    w.value({
        "provider_config": {"aws": {"name": "aws", "full_name": PROVIDER, "version_constraint": "~> 5.80",
                                    "expressions": {"region": {"references": ["var.region"]}}}},
        "root_module": root_cfg,
    })

    w.raw(',"relevant_attributes":')
    w.seq({"resource": address_of(r[0], r[1], r[2], r[3]), "attribute": ["arn"]}
          for r in resources if r[1] == "aws_cloudwatch_log_group")
    w.raw(',"timestamp":"2026-11-28T12:00:00Z","applyable":true,"complete":true,"errored":false}\n')
    w.close()
    return os.path.getsize(path), len(resources)


def gen_plans(out, manifest, targets=((1, 1_000_000), (10, 10_000_000), (100, 100_000_000))):
    # Size is linear in the number of accounts: calibrate on two small plans, then solve.
    tmp = os.path.join(out, ".calibrate.json")
    s1, _ = gen_plan(tmp, 10, SEED)
    s2, _ = gen_plan(tmp, 40, SEED)
    os.remove(tmp)
    per = (s2 - s1) / 30.0
    fixed = s1 - 10 * per
    for mb, target in targets:
        accounts = max(1, round((target - fixed) / per))
        path = os.path.join(out, f"plan-{mb}mb.json")
        size, count = gen_plan(path, accounts, SEED + mb)
        if abs(size - target) > 0.005 * target:  # one correction step (sizes vary a little)
            accounts = max(1, round(accounts + (target - size) / per))
            size, count = gen_plan(path, accounts, SEED + mb)
        record(out, f"plan-{mb}mb.json", manifest, count)


# --------------------------------------------------------------------------------------------
# Terraform HCL
# --------------------------------------------------------------------------------------------

def hcl_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


TF_VARIABLES = '''variable "name_prefix" {
  description = "Prefix of every resource name"
  type        = string
  default     = "bench"
}

variable "environment" {
  description = "Deployment stage; prod keeps logs longer"
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "log_retention_days" {
  type    = number
  default = 90
}

variable "log_expiration_days" {
  type    = number
  default = 365
}

variable "monthly_budget" {
  type    = string
  default = "1000"
}

variable "alarm_emails" {
  type    = list(string)
  default = []
}
'''


def tf_locals():
    lines = ["locals {", "  common_tags = {", '    Project   = "iaclint-bench"',
             '    ManagedBy = "terraform"', "    Stage     = var.environment", "  }", "",
             "  cis_filters = {"]
    width = max(len(name) for name, _ in CIS_FILTERS)
    for name, pattern in CIS_FILTERS:
        lines.append(f"    {name:<{width}} = {hcl_str(pattern)}")
    lines += ["  }", "}", ""]
    return "\n".join(lines)


TF_VERSIONS = '''terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
'''


def tf_group(s, g):
    """HCL for one trail group; returns a dict file-part -> text (s is the name suffix)."""
    lifecycle = g % 11 != 5
    retention = g % 7 != 3
    parts = {}
    parts["s3"] = f'''resource "aws_s3_bucket" "trail{s}" {{
  bucket        = "${{var.name_prefix}}-cloudtrail{s.replace("_", "-")}-${{data.aws_caller_identity.current.account_id}}"
  force_destroy = false

  tags = merge(local.common_tags, {{
    Name  = "trail{s}"
    Group = "{g}"
  }})
}}

resource "aws_s3_bucket_public_access_block" "trail{s}" {{
  bucket                  = aws_s3_bucket.trail{s}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail{s}" {{
  bucket = aws_s3_bucket.trail{s}.id

  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "AES256"
    }}
  }}
}}
''' + (f'''
resource "aws_s3_bucket_lifecycle_configuration" "trail{s}" {{
  bucket = aws_s3_bucket.trail{s}.id

  rule {{
    id     = "archive-then-expire"
    status = "Enabled"

    filter {{
      prefix = "AWSLogs/"
    }}

    transition {{
      days          = 30
      storage_class = "STANDARD_IA"
    }}

    transition {{
      days          = {90 + 30 * (g % 3)}
      storage_class = "GLACIER"
    }}

    expiration {{
      days = var.environment == "prod" ? 2557 : var.log_expiration_days
    }}
  }}

  rule {{
    id     = "cleanup"
    status = "Enabled"

    filter {{}}

    abort_incomplete_multipart_upload {{
      days_after_initiation = 7
    }}

    noncurrent_version_expiration {{
      noncurrent_days = 30
    }}
  }}
}}
''' if lifecycle else "") + f'''
resource "aws_s3_bucket_policy" "trail{s}" {{
  bucket = aws_s3_bucket.trail{s}.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{
        Sid       = "AWSCloudTrailAclCheck"
        Effect    = "Allow"
        Principal = {{ Service = "cloudtrail.amazonaws.com" }}
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail{s}.arn
      }},
      {{
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = {{ Service = "cloudtrail.amazonaws.com" }}
        Action    = "s3:PutObject"
        Resource  = "${{aws_s3_bucket.trail{s}.arn}}/AWSLogs/${{data.aws_caller_identity.current.account_id}}/*"
        Condition = {{
          StringEquals = {{ "s3:x-amz-acl" = "bucket-owner-full-control" }}
        }}
      }},
      {{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.trail{s}.arn, "${{aws_s3_bucket.trail{s}.arn}}/*"]
        Condition = {{ Bool = {{ "aws:SecureTransport" = "false" }} }}
      }},
    ]
  }})
}}
'''
    eq = "              =" if retention else " ="  # terraform fmt aligns the '=' of a block
    parts["logs"] = f'''resource "aws_cloudwatch_log_group" "trail{s}" {{
  name{eq} "/aws/cloudtrail/${{var.name_prefix}}{s.replace("_", "-")}"
''' + ('''  retention_in_days = var.environment == "prod" ? 365 : var.log_retention_days
''' if retention else "") + f'''  tags{eq} local.common_tags
}}
'''
    parts["iam"] = f'''resource "aws_iam_role" "trail_cwl{s}" {{
  name        = "${{var.name_prefix}}-trail-cwl{s.replace("_", "-")}"
  description = "Lets CloudTrail deliver events to CloudWatch Logs"

  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect    = "Allow"
      Principal = {{ Service = "cloudtrail.amazonaws.com" }}
      Action    = "sts:AssumeRole"
      Condition = {{
        StringEquals = {{ "aws:SourceAccount" = data.aws_caller_identity.current.account_id }}
      }}
    }}]
  }})

  inline_policy {{
    name = "cloudwatch-logs-delivery"
    policy = jsonencode({{
      Version = "2012-10-17"
      Statement = [{{
        Sid      = "CreateStreamAndPut"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${{aws_cloudwatch_log_group.trail{s}.arn}}:log-stream:*"
      }}]
    }})
  }}

  tags = local.common_tags
}}
'''
    parts["cloudtrail"] = f'''resource "aws_cloudtrail" "this{s}" {{
  name                          = "${{var.name_prefix}}-trail{s.replace("_", "-")}"
  s3_bucket_name                = aws_s3_bucket.trail{s}.id
  cloud_watch_logs_group_arn    = "${{aws_cloudwatch_log_group.trail{s}.arn}}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_cwl{s}.arn
  include_global_service_events = true
  is_multi_region_trail         = true
  enable_log_file_validation    = true

  event_selector {{
    read_write_type           = "All"
    include_management_events = true

    data_resource {{
      type   = "AWS::S3::Object"
      values = ["arn:${{data.aws_partition.current.partition}}:s3"]
    }}
  }}

  tags       = local.common_tags
  depends_on = [aws_s3_bucket_policy.trail{s}]
}}
'''
    parts["alarms"] = f'''resource "aws_sns_topic" "alarms{s}" {{
  name              = "${{var.name_prefix}}-security-alarms{s.replace("_", "-")}"
  kms_master_key_id = "alias/aws/sns"
  tags              = local.common_tags
}}

resource "aws_sns_topic_subscription" "alarm_email{s}" {{
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms{s}.arn
  protocol  = "email"
  endpoint  = each.value
}}

resource "aws_cloudwatch_log_metric_filter" "cis{s}" {{
  for_each       = local.cis_filters
  name           = {'"${each.key}' + s.replace("_", "-") + '"' if s else "each.key"}
  log_group_name = aws_cloudwatch_log_group.trail{s}.name
  pattern        = each.value

  metric_transformation {{
    name      = each.key
    namespace = "CISBenchmark"
    value     = "1"
  }}
}}

resource "aws_cloudwatch_metric_alarm" "cis{s}" {{
  for_each            = aws_cloudwatch_log_metric_filter.cis{s}
  alarm_name          = "${{var.name_prefix}}-${{each.key}}{s.replace("_", "-")}"
  alarm_description   = <<-EOT
    CIS CloudTrail alarm: ${{each.key}}.
    Raised when the metric filter on ${{aws_cloudwatch_log_group.trail{s}.name}} matches.
  EOT
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  metric_name         = each.value.metric_transformation[0].name
  namespace           = "CISBenchmark"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms{s}.arn]
}}
'''
    parts["budgets"] = f'''resource "aws_budgets_budget" "monthly{s}" {{
  name         = "${{var.name_prefix}}-monthly{s.replace("_", "-")}"
  budget_type  = "COST"
  limit_amount = var.monthly_budget
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  dynamic "notification" {{
    for_each = {{ ACTUAL = 80, FORECASTED = 100 }}
    content {{
      comparison_operator       = "GREATER_THAN"
      notification_type         = notification.key
      threshold                 = notification.value
      threshold_type            = "PERCENTAGE"
      subscriber_sns_topic_arns = [aws_sns_topic.alarms{s}.arn]
    }}
  }}
}}
'''
    parts["outputs"] = f'''output "trail_arn{s}" {{
  description = "ARN of trail{s}"
  value       = aws_cloudtrail.this{s}.arn
}}

output "trail_bucket{s}" {{
  value = aws_s3_bucket.trail{s}.id
}}
'''
    return parts


TF_PART_ORDER = ["s3", "logs", "iam", "cloudtrail", "alarms", "budgets", "outputs"]


def count_blocks(text):
    return sum(1 for line in text.splitlines() if line.startswith('resource "'))


def gen_tf_big(out, name, target, manifest):
    head = TF_VERSIONS + "\n" + TF_VARIABLES + "\n" + tf_locals() + "\n"
    chunks = [head]
    size = len(head.encode())
    g = 0
    while size < target:
        parts = tf_group(f"_{g:05d}", g)
        text = "\n".join(parts[p] for p in TF_PART_ORDER) + "\n"
        chunks.append(text)
        size += len(text.encode())
        g += 1
    text = "".join(chunks)
    write(out, name, text, manifest, count_blocks(text))


def gen_tf_dir(out, manifest, modules=100):
    root = os.path.join(out, "tf-dir")
    blocks = 0
    for m in range(modules):
        d = os.path.join(root, f"module-{m:03d}")
        os.makedirs(d, exist_ok=True)
        groups = 2 + m % 3
        files = {p: [] for p in TF_PART_ORDER}
        for k in range(groups):
            g = m * 3 + k
            for p, text in tf_group(f"_{k}" if k else "", g).items():
                files[p].append(text)
        contents = {
            "versions.tf": TF_VERSIONS,
            "variables.tf": TF_VARIABLES,
            "locals.tf": tf_locals(),
            "s3.tf": "\n".join(files["s3"]),
            "logs.tf": "\n".join(files["logs"]),
            "iam.tf": "\n".join(files["iam"]),
            "cloudtrail.tf": "\n".join(files["cloudtrail"]),
            "alarms.tf": "\n".join(files["alarms"]),
            "budgets.tf": "\n".join(files["budgets"]),
            "outputs.tf": "\n".join(files["outputs"]),
        }
        for fname, text in contents.items():
            write(d, fname, text, None)
            blocks += count_blocks(text)
    add_dir_manifest(out, "tf-dir", manifest, blocks)


# --------------------------------------------------------------------------------------------

def write(d, name, text, manifest, count=None):
    path = os.path.join(d, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    if manifest is not None:
        record(d, name, manifest, count)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def record(d, name, manifest, count):
    path = os.path.join(d, name)
    manifest[name] = (os.path.getsize(path), 1, count, sha256_file(path))


def add_dir_manifest(out, name, manifest, count):
    root = os.path.join(out, name)
    h = hashlib.sha256()
    total = files = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            p = os.path.join(dirpath, fn)
            rel = os.path.relpath(p, root)
            h.update(rel.encode() + b"\0" + sha256_file(p).encode() + b"\n")
            total += os.path.getsize(p)
            files += 1
    manifest[name + "/"] = (total, files, count, h.hexdigest())


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output directory (outside the repository)")
    ap.add_argument("families", nargs="*", default=["all"],
                    help="all (default), cfn, cfn-dir, plan, tf")
    ap.add_argument("--cfn-resources", type=int, action="append", default=[],
                    help="also write cfn-N.yaml for this N (repeatable)")
    args = ap.parse_args(argv)
    fam = set(args.families)
    if "all" in fam:
        fam = {"cfn", "cfn-dir", "plan", "tf"}
    unknown = fam - {"cfn", "cfn-dir", "plan", "tf"}
    if unknown:
        ap.error(f"unknown families: {sorted(unknown)}")
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    manifest = {}
    if "cfn" in fam:
        gen_cfn(out, [100, 1000, 10000], manifest)
    if args.cfn_resources:
        gen_cfn(out, args.cfn_resources, manifest)
    if "cfn-dir" in fam:
        gen_cfn_dir(out, manifest)
    if "plan" in fam:
        gen_plans(out, manifest)
    if "tf" in fam:
        gen_tf_dir(out, manifest)
        gen_tf_big(out, "tf-1mb.tf", 1_000_000, manifest)
        gen_tf_big(out, "tf-10mb.tf", 10_000_000, manifest)
    # Merge with an existing manifest so partial runs keep the other rows.
    mpath = os.path.join(out, "MANIFEST.txt")
    old = {}
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                name, size, files, count, digest = line.split()
                old[name] = (int(size), int(files), None if count == "-" else int(count), digest)
    old.update(manifest)
    with open(mpath, "w", encoding="utf-8") as f:
        f.write("# name bytes files resources sha256 (written by tests/bench/gen.py; "
                "resources = resource blocks for .tf)\n")
        for name in sorted(old):
            size, files, count, digest = old[name]
            f.write(f"{name} {size} {files} {'-' if count is None else count} {digest}\n")
    for name in sorted(manifest):
        size, files, count, _ = manifest[name]
        print(f"{name:18} {size / 1e6:9.2f} MB  {files:5} file(s)  {count if count is not None else '-':>7} resources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
