#!/usr/bin/env bash
# Creates the Data Exporter's EMR cluster (README: Deploy on AWS, step 6). Run from the repository root with the AWS CLI v2:
#   SUBNET_ID=subnet-... LOG_BUCKET=... ACCOUNT_ID=... emr/cluster/create-cluster.sh
# Placeholders in emr/cluster/*.json (REGION, ACCOUNT_ID, CLUSTER_DISK_KEY_ID, my-...) are to be replaced first.
set -euo pipefail
: "${SUBNET_ID:?set SUBNET_ID to the private subnet the cluster runs in}"
: "${LOG_BUCKET:?set LOG_BUCKET to the bucket for the cluster logs}"
: "${ACCOUNT_ID:?set ACCOUNT_ID to the AWS account id}"

# Runtime roles: each step runs as the role it names (data-exporter-emr-job), not as the instance profile.
aws emr describe-security-configuration --name data-exporter >/dev/null 2>&1 \
  || aws emr create-security-configuration --name data-exporter --security-configuration file://emr/cluster/security-configuration.json

# StepConcurrencyLevel 4: range exports run beside the daily export instead of queueing behind it (EMR's default is 1).
aws emr create-cluster \
  --name data-exporter \
  --release-label emr-7.5.0 \
  --applications Name=Spark \
  --configurations file://emr/cluster/configurations.json \
  --instance-groups file://emr/cluster/instance-groups.json \
  --ec2-attributes "SubnetId=${SUBNET_ID},InstanceProfile=data-exporter-emr-instance" \
  --service-role data-exporter-emr-service \
  --security-configuration data-exporter \
  --step-concurrency-level 4 \
  --log-uri "s3://${LOG_BUCKET}/data-exporter/" \
  --ebs-root-volume-size 32 \
  --tags "app=data-exporter" \
  --query ClusterId --output text
