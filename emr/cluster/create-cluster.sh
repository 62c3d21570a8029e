#!/usr/bin/env bash
# Creates the Data Exporter's EMR cluster (README: Deploy on AWS, step 6). Run from the repository root with the AWS CLI v2:
#   SUBNET_ID=subnet-... LOG_BUCKET=... ACCOUNT_ID=... emr/cluster/create-cluster.sh
# Placeholders in emr/cluster/*.json (REGION, ACCOUNT_ID, CLUSTER_DISK_KEY_ID, my-...) are to be replaced first.
set -euo pipefail

# The EMR release is named once, in the parent pom.xml (emr.release), beside the Spark, Hadoop and Iceberg versions the
# jobs are compiled against and the cluster test runs: the cluster is created with exactly that release.
RELEASE_LABEL="$(sed -n 's:.*<emr.release>\(.*\)</emr.release>.*:\1:p' pom.xml)"
[ -n "${RELEASE_LABEL}" ] || { echo "run from the repository root: pom.xml names the EMR release (emr.release)" >&2; exit 2; }
if [ "${1:-}" = "--print-release-label" ]; then
  echo "${RELEASE_LABEL}"
  exit 0
fi

: "${SUBNET_ID:?set SUBNET_ID to the private subnet the cluster runs in}"
: "${LOG_BUCKET:?set LOG_BUCKET to the bucket for the cluster logs}"
: "${ACCOUNT_ID:?set ACCOUNT_ID to the AWS account id}"

# Runtime roles: each step runs as the role it names (data-exporter-emr-job), not as the instance profile.
aws emr describe-security-configuration --name data-exporter >/dev/null 2>&1 \
  || aws emr create-security-configuration --name data-exporter --security-configuration file://emr/cluster/security-configuration.json

# AmazonEMRServicePolicy_v2 lets EMR start instances only in subnets and security groups tagged
# for-use-with-amazon-emr-managed-policies=true, and manage only clusters carrying that tag (AWS managed policy reference,
# AmazonEMRServicePolicy_v2; EMR Management Guide, emr-iam-role): the cluster gets the tag here, the subnet (and any security
# group EMR did not create) needs it too:
#   aws ec2 create-tags --resources "${SUBNET_ID}" --tags Key=for-use-with-amazon-emr-managed-policies,Value=true
# StepConcurrencyLevel 4: range exports run beside the daily export instead of queueing behind it (EMR's default is 1).
aws emr create-cluster \
  --name data-exporter \
  --release-label "${RELEASE_LABEL}" \
  --applications Name=Spark \
  --configurations file://emr/cluster/configurations.json \
  --instance-groups file://emr/cluster/instance-groups.json \
  --ec2-attributes "SubnetId=${SUBNET_ID},InstanceProfile=data-exporter-emr-instance" \
  --service-role data-exporter-emr-service \
  --security-configuration data-exporter \
  --step-concurrency-level 4 \
  --log-uri "s3://${LOG_BUCKET}/data-exporter/" \
  --ebs-root-volume-size 32 \
  --tags "app=data-exporter" "for-use-with-amazon-emr-managed-policies=true" \
  --query ClusterId --output text
