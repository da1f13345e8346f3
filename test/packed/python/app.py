"""The Python smoke app (test/packed/python/run.sh): a user's app on the wheel in dist/python.

Every seed construct -- DualStackVpc with an interface endpoint, DualStackMskCluster,
DualStackMskServerlessCluster, Ipv6EksCluster, a grant from the clusters to a role -- and the
migration of an IPv4 VPC and MSK cluster, with the acknowledgements of
test/packed/every-construct-stack.ts, in a concrete account and region, with AwsSolutionsChecks
and Ipv6ReadinessChecks. Exits 1 on any unacknowledged finding.

Also checks what only a non-JavaScript runtime could break: the bundled @aws-cdk/aws-service-spec
(TemplateReplacements), cdk-nag loaded through its own package, enum-like classes.
"""
import json
import os
import sys

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_eks_v2 as eks
from aws_cdk import aws_msk as msk
from aws_cdk.lambda_layer_kubectl_v36 import KubectlV36Layer
from cdk_nag import AwsSolutionsChecks
from constructs import Construct

from cdk_ipv6_ready import (
    BrokerInstanceType,
    DualStackMskCluster,
    DualStackMskServerlessCluster,
    DualStackVpc,
    Ipv6EksCluster,
    Ipv6ReadinessChecks,
    Ipv6Upgrade,
    KafkaVersion,
    MskDualStackUpgrade,
    ReplacementKind,
    TemplateReplacements,
)

# Keeps synth() from throwing on findings: the app reads the validation report and lists them.
NO_THROW = {"@aws-cdk/core:failSynthOnValidationErrors": False}
# The deliberate mistake CI can ask for (run.sh --break): one acknowledgement dropped.
BREAK = os.environ.get("SMOKE_BREAK") == "1"


class SeedStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        vpc = DualStackVpc(self, "Vpc")
        vpc.add_interface_endpoint("Sts", service=ec2.InterfaceVpcEndpointAwsService.STS)

        kafka = DualStackMskCluster(
            self, "Kafka", vpc=vpc, outputs=True,
            # Enum-like classes, as a Python user names them.
            kafka_version=KafkaVersion.V3_8_X, instance_type=BrokerInstanceType.of("kafka.m7g.large"),
        )
        serverless = DualStackMskServerlessCluster(self, "Serverless", vpc=vpc, outputs=True)

        kubernetes = Ipv6EksCluster(
            self, "Kubernetes", vpc=vpc, outputs=True,
            alb_controller=eks.AlbControllerOptions(version=eks.AlbControllerVersion.V2_17_1),
            kubectl_provider_options=eks.KubectlProviderOptions(kubectl_layer=KubectlV36Layer(self, "Kubectl")),
        )
        kafka.connections.allow_default_port_from(kubernetes, "pods")
        serverless.connections.allow_default_port_from(kubernetes, "pods")
        orders = kubernetes.add_pod_identity_role("Orders", namespace="orders", service_account="orders")
        kafka.grant_read_topic(orders, "orders", "orders-service")
        kafka.grant_write_topic(orders, "orders")
        serverless.grant_write_topic(orders, "events")

        # The migration of an existing IPv4 network and cluster (test/support/migration.ts), which
        # this app owns and acknowledges as every-construct-stack.ts does.
        migration = Construct(self, "Migration")
        legacy = ec2.Vpc(migration, "Legacy", max_azs=2)
        upgrade = Ipv6Upgrade(migration, "Upgrade", vpc=legacy)
        brokers = ec2.SecurityGroup(migration, "Brokers", vpc=legacy, allow_all_outbound=False)
        cluster = msk.CfnCluster(
            migration, "Kafka", cluster_name="orders", kafka_version="3.8.x", number_of_broker_nodes=2,
            broker_node_group_info=msk.CfnCluster.BrokerNodeGroupInfoProperty(
                instance_type="kafka.m7g.large",
                client_subnets=[s.subnet_id for s in legacy.private_subnets],
                security_groups=[brokers.security_group_id],
            ),
            client_authentication=msk.CfnCluster.ClientAuthenticationProperty(
                sasl=msk.CfnCluster.SaslProperty(iam=msk.CfnCluster.IamProperty(enabled=True)),
            ),
        )
        MskDualStackUpgrade(migration, "KafkaDualStack", cluster=cluster, ipv6_client_cidrs=[upgrade.vpc_ipv6_cidr_block])
        if not BREAK:
            cdk.Validations.of(legacy).acknowledge(cdk.Acknowledgment(
                id="AwsSolutions::AwsSolutions-VPC7", reason="The smoke test's own legacy VPC, there to be migrated."))
        cdk.Validations.of(cluster).acknowledge(cdk.Acknowledgment(
            id="AwsSolutions::AwsSolutions-MSK6",
            reason="The smoke test's own legacy cluster, there to be migrated; broker logs are not what it tests."))


def findings(outdir: str) -> list:
    """Unacknowledged violations in the app's validation report, one line each."""
    with open(os.path.join(outdir, "validation-report.json"), encoding="utf-8") as f:
        report = json.load(f)
    lines = []
    for plugin in report.get("pluginReports", []):
        error = (plugin.get("metadata") or {}).get("error")
        if error:
            raise RuntimeError(f"pack {plugin['pluginName']} crashed: {error}")
        for v in plugin.get("violations", []):
            for c in v.get("violatingConstructs") or [{}]:
                lines.append(f"[{v.get('severity')}] {v['ruleName']} {c.get('constructPath', '')}")
    return sorted(set(lines))


def packs(app: cdk.App) -> None:
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app, verbose=True), Ipv6ReadinessChecks(app))


def control(outdir: str) -> None:
    """Both packs run and report in Python: a VPC without flow logs (AwsSolutions-VPC7) and an MSK
    cluster with the network type "DUAL_STACK", which MSK refuses (Ipv6Ready-MSK-IPV6-4)."""
    app = cdk.App(outdir=outdir, context=NO_THROW)
    stack = cdk.Stack(app, "Control", env=cdk.Environment(account="111111111111", region="us-east-1"))
    vpc = ec2.Vpc(stack, "Ipv4Only")
    msk.CfnCluster(
        stack, "Kafka", cluster_name="control", kafka_version="3.8.x", number_of_broker_nodes=2,
        broker_node_group_info=msk.CfnCluster.BrokerNodeGroupInfoProperty(
            instance_type="kafka.m7g.large", client_subnets=[s.subnet_id for s in vpc.private_subnets],
            connectivity_info=msk.CfnCluster.ConnectivityInfoProperty(network_type="DUAL_STACK"),
        ),
    )
    packs(app)
    app.synth()
    found = findings(outdir)
    for rule in ("AwsSolutions-VPC7", "Ipv6Ready-MSK-IPV6-4"):
        if not any(rule in line for line in found):
            sys.exit(f"control: no {rule} finding; the packs did not run:\n" + "\n".join(found))


def replacements() -> None:
    """TemplateReplacements reads the CloudFormation specification bundled in the package."""
    def template(subnets):
        return {"Resources": {"Kafka": {"Type": "AWS::MSK::Cluster", "Properties": {
            "BrokerNodeGroupInfo": {"ClientSubnets": subnets, "InstanceType": "kafka.m7g.large"}}}}}
    found = TemplateReplacements.compare(template(["subnet-1", "subnet-2"]), template(["subnet-1", "subnet-3"]))
    if len(found) != 1 or found[0].kind != ReplacementKind.REPLACED or not found[0].stateful \
            or not found[0].property.startswith("BrokerNodeGroupInfo.ClientSubnets"):
        sys.exit(f"TemplateReplacements: expected the MSK cluster replaced by ClientSubnets, got {found}")


def main() -> None:
    outdir = os.environ["CDK_OUTDIR"]
    replacements()
    control(os.path.join(outdir, "control"))

    app = cdk.App(outdir=os.path.join(outdir, "app"), context=NO_THROW)
    stack = SeedStack(app, "Production", env=cdk.Environment(account="111111111111", region="us-east-1"))
    packs(app)
    assembly = app.synth()
    found = findings(app.outdir)
    if found:
        sys.exit("unacknowledged findings:\n" + "\n".join(found))
    resources = len(assembly.get_stack_by_name(stack.stack_name).template["Resources"])
    print(f"python smoke: {stack.stack_name} ({resources} resources) synthesized with AwsSolutionsChecks "
          f"and Ipv6ReadinessChecks: 0 unacknowledged findings")


if __name__ == "__main__":
    main()
