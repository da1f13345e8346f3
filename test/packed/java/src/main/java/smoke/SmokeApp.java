package smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdkipv6ready.BrokerInstanceType;
import io.github.cdkipv6ready.DualStackMskCluster;
import io.github.cdkipv6ready.DualStackMskServerlessCluster;
import io.github.cdkipv6ready.DualStackVpc;
import io.github.cdkipv6ready.Ipv6EksCluster;
import io.github.cdkipv6ready.Ipv6ReadinessChecks;
import io.github.cdkipv6ready.Ipv6Upgrade;
import io.github.cdkipv6ready.KafkaVersion;
import io.github.cdkipv6ready.MskDualStackUpgrade;
import io.github.cdkipv6ready.PodIdentityRoleOptions;
import io.github.cdkipv6ready.ReplacementKind;
import io.github.cdkipv6ready.ResourceReplacement;
import io.github.cdkipv6ready.TemplateReplacements;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.cdk.lambdalayer.kubectl.v36.KubectlV36Layer;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.eks_v2.AlbControllerOptions;
import software.amazon.awscdk.services.eks_v2.AlbControllerVersion;
import software.amazon.awscdk.services.eks_v2.KubectlProviderOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.msk.CfnCluster;
import software.constructs.Construct;

/**
 * The Java smoke app (test/packed/java/run.sh): a user's app on the artifacts in dist/java.
 *
 * <p>Every seed construct (DualStackVpc with an interface endpoint, DualStackMskCluster,
 * DualStackMskServerlessCluster, Ipv6EksCluster, a grant from the clusters to a role) and the
 * migration of an IPv4 VPC and MSK cluster, with the acknowledgements of
 * test/packed/every-construct-stack.ts, in a concrete account and region, with AwsSolutionsChecks and
 * Ipv6ReadinessChecks. Exits 1 on any unacknowledged finding. Also checks what only a non-JavaScript
 * runtime could break: the bundled @aws-cdk/aws-service-spec (TemplateReplacements), cdk-nag loaded
 * through its own artifact, enum-like classes.
 */
public final class SmokeApp {
  /** Keeps synth() from throwing on findings: the app reads the validation report and lists them. */
  private static final Map<String, Object> NO_THROW = Map.of("@aws-cdk/core:failSynthOnValidationErrors", false);
  private static final Environment PRODUCTION = Environment.builder().account("111111111111").region("us-east-1").build();

  private SmokeApp() {}

  static Stack seedStack(App app) {
    Stack stack = new Stack(app, "Production", StackProps.builder().env(PRODUCTION).build());
    DualStackVpc vpc = DualStackVpc.Builder.create(stack, "Vpc").build();
    vpc.addInterfaceEndpoint("Sts", InterfaceVpcEndpointOptions.builder().service(InterfaceVpcEndpointAwsService.STS).build());

    DualStackMskCluster kafka = DualStackMskCluster.Builder.create(stack, "Kafka").vpc(vpc).outputs(true)
        // Enum-like classes, as a Java user names them.
        .kafkaVersion(KafkaVersion.V3_8_X).instanceType(BrokerInstanceType.of("kafka.m7g.large"))
        .build();
    DualStackMskServerlessCluster serverless = DualStackMskServerlessCluster.Builder.create(stack, "Serverless").vpc(vpc).outputs(true).build();
    Ipv6EksCluster kubernetes = Ipv6EksCluster.Builder.create(stack, "Kubernetes").vpc(vpc).outputs(true)
        .albController(AlbControllerOptions.builder().version(AlbControllerVersion.V2_17_1).build())
        .kubectlProviderOptions(KubectlProviderOptions.builder().kubectlLayer(new KubectlV36Layer(stack, "Kubectl")).build())
        .build();
    kafka.getConnections().allowDefaultPortFrom(kubernetes, "pods");
    serverless.getConnections().allowDefaultPortFrom(kubernetes, "pods");
    IRole orders = kubernetes.addPodIdentityRole("Orders", PodIdentityRoleOptions.builder().namespace("orders").serviceAccount("orders").build());
    kafka.grantReadTopic(orders, "orders", "orders-service");
    kafka.grantWriteTopic(orders, "orders");
    serverless.grantWriteTopic(orders, "events");

    // The migration of an existing IPv4 network and cluster (test/support/migration.ts), which this
    // app owns and acknowledges as every-construct-stack.ts does.
    Construct migration = new Construct(stack, "Migration");
    Vpc legacy = Vpc.Builder.create(migration, "Legacy").maxAzs(2).build();
    Ipv6Upgrade upgrade = Ipv6Upgrade.Builder.create(migration, "Upgrade").vpc(legacy).build();
    SecurityGroup brokers = SecurityGroup.Builder.create(migration, "Brokers").vpc(legacy).allowAllOutbound(false).build();
    CfnCluster cluster = CfnCluster.Builder.create(migration, "Kafka")
        .clusterName("orders").kafkaVersion("3.8.x").numberOfBrokerNodes(2)
        .brokerNodeGroupInfo(CfnCluster.BrokerNodeGroupInfoProperty.builder()
            .instanceType("kafka.m7g.large")
            .clientSubnets(legacy.getPrivateSubnets().stream().map(ISubnet::getSubnetId).collect(Collectors.toList()))
            .securityGroups(List.of(brokers.getSecurityGroupId()))
            .build())
        .clientAuthentication(CfnCluster.ClientAuthenticationProperty.builder()
            .sasl(CfnCluster.SaslProperty.builder().iam(CfnCluster.IamProperty.builder().enabled(true).build()).build())
            .build())
        .build();
    MskDualStackUpgrade.Builder.create(migration, "KafkaDualStack").cluster(cluster).ipv6ClientCidrs(List.of(upgrade.getVpcIpv6CidrBlock())).build();
    // The deliberate mistake CI can ask for (SMOKE_BREAK=1): one acknowledgement dropped.
    if (!"1".equals(System.getenv("SMOKE_BREAK"))) {
      Validations.of(legacy).acknowledge(Acknowledgment.builder()
          .id("AwsSolutions::AwsSolutions-VPC7").reason("The smoke test's own legacy VPC, there to be migrated.").build());
    }
    Validations.of(cluster).acknowledge(Acknowledgment.builder()
        .id("AwsSolutions::AwsSolutions-MSK6")
        .reason("The smoke test's own legacy cluster, there to be migrated; broker logs are not what it tests.").build());
    return stack;
  }

  static void packs(App app) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, NagPackProps.builder().verbose(true).build()), new Ipv6ReadinessChecks(app));
  }

  /** The unacknowledged violations of the app's validation report, one line each. */
  static TreeSet<String> findings(String outdir) throws IOException {
    JsonNode report = new ObjectMapper().readTree(new File(outdir, "validation-report.json"));
    TreeSet<String> lines = new TreeSet<>();
    for (JsonNode plugin : report.path("pluginReports")) {
      String error = plugin.path("metadata").path("error").asText("");
      if (!error.isEmpty()) {
        fail("pack " + plugin.path("pluginName").asText() + " crashed: " + error);
      }
      for (JsonNode v : plugin.path("violations")) {
        for (JsonNode c : v.path("violatingConstructs")) {
          lines.add("[" + v.path("severity").asText() + "] " + v.path("ruleName").asText() + " " + c.path("constructPath").asText());
        }
      }
    }
    return lines;
  }

  /**
   * Both packs run and report in Java: a VPC without flow logs (AwsSolutions-VPC7) and an MSK cluster
   * with the network type "DUAL_STACK", which MSK refuses (Ipv6Ready-MSK-IPV6-4).
   */
  static void control(String outdir) throws IOException {
    App app = App.Builder.create().outdir(outdir).context(NO_THROW).build();
    Stack stack = new Stack(app, "Control", StackProps.builder().env(PRODUCTION).build());
    Vpc vpc = new Vpc(stack, "Ipv4Only");
    CfnCluster.Builder.create(stack, "Kafka").clusterName("control").kafkaVersion("3.8.x").numberOfBrokerNodes(2)
        .brokerNodeGroupInfo(CfnCluster.BrokerNodeGroupInfoProperty.builder()
            .instanceType("kafka.m7g.large")
            .clientSubnets(vpc.getPrivateSubnets().stream().map(ISubnet::getSubnetId).collect(Collectors.toList()))
            .connectivityInfo(CfnCluster.ConnectivityInfoProperty.builder().networkType("DUAL_STACK").build())
            .build())
        .build();
    packs(app);
    app.synth();
    String found = String.join("\n", findings(outdir));
    for (String rule : List.of("AwsSolutions-VPC7", "Ipv6Ready-MSK-IPV6-4")) {
      if (!found.contains(rule)) {
        fail("control: no " + rule + " finding; the packs did not run:\n" + found);
      }
    }
  }

  /** TemplateReplacements reads the CloudFormation specification bundled in the package. */
  static void replacements() {
    List<ResourceReplacement> found = TemplateReplacements.compare(template("subnet-1", "subnet-2"), template("subnet-1", "subnet-3"));
    if (found.size() != 1 || found.get(0).getKind() != ReplacementKind.REPLACED || !found.get(0).getStateful()
        || found.get(0).getProperty() == null || !found.get(0).getProperty().startsWith("BrokerNodeGroupInfo.ClientSubnets")) {
      fail("TemplateReplacements: expected the MSK cluster replaced by ClientSubnets, got " + found.size() + " results");
    }
  }

  private static Map<String, Object> template(String... subnets) {
    return Map.of("Resources", Map.of("Kafka", Map.of(
        "Type", "AWS::MSK::Cluster",
        "Properties", Map.of("BrokerNodeGroupInfo", Map.of("ClientSubnets", List.of(subnets), "InstanceType", "kafka.m7g.large")))));
  }

  public static void main(String[] args) throws IOException {
    String outdir = System.getenv("CDK_OUTDIR");
    replacements();
    control(new File(outdir, "control").getPath());

    App app = App.Builder.create().outdir(new File(outdir, "app").getPath()).context(NO_THROW).build();
    Stack stack = seedStack(app);
    packs(app);
    Object template = app.synth().getStackByName(stack.getStackName()).getTemplate();
    TreeSet<String> found = findings(app.getOutdir());
    if (!found.isEmpty()) {
      fail("unacknowledged findings:\n" + String.join("\n", found));
    }
    int resources = ((Map<?, ?>) ((Map<?, ?>) template).get("Resources")).size();
    System.out.println("java smoke: " + stack.getStackName() + " (" + resources
        + " resources) synthesized with AwsSolutionsChecks and Ipv6ReadinessChecks: 0 unacknowledged findings");
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(1);
  }
}
