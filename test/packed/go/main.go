// The Go smoke app (test/packed/go/run.sh): a user's app on the Go module in dist/go.
//
// Every seed construct (DualStackVpc with an interface endpoint, DualStackMskCluster,
// DualStackMskServerlessCluster, Ipv6EksCluster, a grant from the clusters to a role) and the
// migration of an IPv4 VPC and MSK cluster, with the acknowledgements of
// test/packed/every-construct-stack.ts, in a concrete account and region, with AwsSolutionsChecks
// and Ipv6ReadinessChecks. Exits 1 on any unacknowledged finding. Also checks what only a
// non-JavaScript runtime could break: the bundled @aws-cdk/aws-service-spec (TemplateReplacements),
// cdk-nag loaded through its own module, enum-like classes.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseksv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-ipv6-ready/cdk-ipv6-ready-go/cdkipv6ready"
	"github.com/cdklabs/awscdk-kubectl-go/kubectlv36/v2"
	"github.com/cdklabs/cdk-nag-go/cdknag/v3"
)

// Keeps Synth from failing on findings: the app reads the validation report and lists them.
var noThrow = map[string]interface{}{"@aws-cdk/core:failSynthOnValidationErrors": false}

var production = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("us-east-1")}

func seedStack(app awscdk.App) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String("Production"), &awscdk.StackProps{Env: production})
	vpc := cdkipv6ready.NewDualStackVpc(stack, jsii.String("Vpc"), nil)
	vpc.AddInterfaceEndpoint(jsii.String("Sts"), &awsec2.InterfaceVpcEndpointOptions{Service: awsec2.InterfaceVpcEndpointAwsService_STS()})

	kafka := cdkipv6ready.NewDualStackMskCluster(stack, jsii.String("Kafka"), &cdkipv6ready.DualStackMskClusterProps{
		Vpc: vpc, Outputs: jsii.Bool(true),
		// Enum-like classes, as a Go user names them.
		KafkaVersion: cdkipv6ready.KafkaVersion_V3_8_X(), InstanceType: cdkipv6ready.BrokerInstanceType_Of(jsii.String("kafka.m7g.large")),
	})
	serverless := cdkipv6ready.NewDualStackMskServerlessCluster(stack, jsii.String("Serverless"), &cdkipv6ready.DualStackMskServerlessClusterProps{
		Vpc: vpc, Outputs: jsii.Bool(true),
	})
	kubernetes := cdkipv6ready.NewIpv6EksCluster(stack, jsii.String("Kubernetes"), &cdkipv6ready.Ipv6EksClusterProps{
		Vpc: vpc, Outputs: jsii.Bool(true),
		AlbController:          &awseksv2.AlbControllerOptions{Version: awseksv2.AlbControllerVersion_V2_17_1()},
		KubectlProviderOptions: &awseksv2.KubectlProviderOptions{KubectlLayer: kubectlv36.NewKubectlV36Layer(stack, jsii.String("Kubectl"))},
	})
	kafka.Connections().AllowDefaultPortFrom(kubernetes, jsii.String("pods"))
	serverless.Connections().AllowDefaultPortFrom(kubernetes, jsii.String("pods"))
	orders := kubernetes.AddPodIdentityRole(jsii.String("Orders"), &cdkipv6ready.PodIdentityRoleOptions{
		Namespace: jsii.String("orders"), ServiceAccount: jsii.String("orders"),
	})
	kafka.GrantReadTopic(orders, jsii.String("orders"), jsii.String("orders-service"))
	kafka.GrantWriteTopic(orders, jsii.String("orders"))
	serverless.GrantWriteTopic(orders, jsii.String("events"))

	// The migration of an existing IPv4 network and cluster (test/support/migration.ts), which this
	// app owns and acknowledges as every-construct-stack.ts does.
	migration := constructs.NewConstruct(stack, jsii.String("Migration"))
	legacy := awsec2.NewVpc(migration, jsii.String("Legacy"), &awsec2.VpcProps{MaxAzs: jsii.Number(2)})
	upgrade := cdkipv6ready.NewIpv6Upgrade(migration, jsii.String("Upgrade"), &cdkipv6ready.Ipv6UpgradeProps{Vpc: legacy})
	brokers := awsec2.NewSecurityGroup(migration, jsii.String("Brokers"), &awsec2.SecurityGroupProps{Vpc: legacy, AllowAllOutbound: jsii.Bool(false)})
	subnets := []*string{}
	for _, s := range *legacy.PrivateSubnets() {
		subnets = append(subnets, s.SubnetId())
	}
	cluster := awsmsk.NewCfnCluster(migration, jsii.String("Kafka"), &awsmsk.CfnClusterProps{
		ClusterName: jsii.String("orders"), KafkaVersion: jsii.String("3.8.x"), NumberOfBrokerNodes: jsii.Number(2),
		BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{
			InstanceType: jsii.String("kafka.m7g.large"), ClientSubnets: &subnets, SecurityGroups: &[]*string{brokers.SecurityGroupId()},
		},
		ClientAuthentication: &awsmsk.CfnCluster_ClientAuthenticationProperty{
			Sasl: &awsmsk.CfnCluster_SaslProperty{Iam: &awsmsk.CfnCluster_IamProperty{Enabled: jsii.Bool(true)}},
		},
	})
	cdkipv6ready.NewMskDualStackUpgrade(migration, jsii.String("KafkaDualStack"), &cdkipv6ready.MskDualStackUpgradeProps{
		Cluster: cluster, Ipv6ClientCidrs: &[]*string{upgrade.VpcIpv6CidrBlock()},
	})
	// The deliberate mistake CI can ask for (SMOKE_BREAK=1): one acknowledgement dropped.
	if os.Getenv("SMOKE_BREAK") != "1" {
		awscdk.Validations_Of(legacy).Acknowledge(&awscdk.Acknowledgment{
			Id: jsii.String("AwsSolutions::AwsSolutions-VPC7"), Reason: jsii.String("The smoke test's own legacy VPC, there to be migrated."),
		})
	}
	awscdk.Validations_Of(cluster).Acknowledge(&awscdk.Acknowledgment{
		Id:     jsii.String("AwsSolutions::AwsSolutions-MSK6"),
		Reason: jsii.String("The smoke test's own legacy cluster, there to be migrated; broker logs are not what it tests."),
	})
	return stack
}

func packs(app awscdk.App) {
	awscdk.Validations_Of(app).AddPlugins(
		cdknag.NewAwsSolutionsChecks(app, &cdknag.NagPackProps{Verbose: jsii.Bool(true)}),
		cdkipv6ready.NewIpv6ReadinessChecks(app, nil),
	)
}

type report struct {
	PluginReports []struct {
		PluginName string `json:"pluginName"`
		Metadata   struct {
			Error string `json:"error"`
		} `json:"metadata"`
		Violations []struct {
			RuleName            string `json:"ruleName"`
			Severity            string `json:"severity"`
			ViolatingConstructs []struct {
				ConstructPath string `json:"constructPath"`
			} `json:"violatingConstructs"`
		} `json:"violations"`
	} `json:"pluginReports"`
}

// findings lists the unacknowledged violations of the app's validation report, one line each.
func findings(outdir string) []string {
	data, err := os.ReadFile(filepath.Join(outdir, "validation-report.json"))
	must(err)
	var r report
	must(json.Unmarshal(data, &r))
	seen := map[string]bool{}
	for _, p := range r.PluginReports {
		if p.Metadata.Error != "" {
			fail("pack %s crashed: %s", p.PluginName, p.Metadata.Error)
		}
		for _, v := range p.Violations {
			for _, c := range v.ViolatingConstructs {
				seen[fmt.Sprintf("[%s] %s %s", v.Severity, v.RuleName, c.ConstructPath)] = true
			}
		}
	}
	lines := []string{}
	for l := range seen {
		lines = append(lines, l)
	}
	sort.Strings(lines)
	return lines
}

// control: both packs run and report in Go: a VPC without flow logs (AwsSolutions-VPC7) and an MSK
// cluster with the network type "DUAL_STACK", which MSK refuses (Ipv6Ready-MSK-IPV6-4).
func control(outdir string) {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(outdir), Context: &noThrow})
	stack := awscdk.NewStack(app, jsii.String("Control"), &awscdk.StackProps{Env: production})
	vpc := awsec2.NewVpc(stack, jsii.String("Ipv4Only"), nil)
	subnets := []*string{}
	for _, s := range *vpc.PrivateSubnets() {
		subnets = append(subnets, s.SubnetId())
	}
	awsmsk.NewCfnCluster(stack, jsii.String("Kafka"), &awsmsk.CfnClusterProps{
		ClusterName: jsii.String("control"), KafkaVersion: jsii.String("3.8.x"), NumberOfBrokerNodes: jsii.Number(2),
		BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{
			InstanceType: jsii.String("kafka.m7g.large"), ClientSubnets: &subnets,
			ConnectivityInfo: &awsmsk.CfnCluster_ConnectivityInfoProperty{NetworkType: jsii.String("DUAL_STACK")},
		},
	})
	packs(app)
	app.Synth(nil)
	found := strings.Join(findings(outdir), "\n")
	for _, rule := range []string{"AwsSolutions-VPC7", "Ipv6Ready-MSK-IPV6-4"} {
		if !strings.Contains(found, rule) {
			fail("control: no %s finding; the packs did not run:\n%s", rule, found)
		}
	}
}

// replacements: TemplateReplacements reads the CloudFormation specification bundled in the package.
func replacements() {
	template := func(subnets ...string) map[string]interface{} {
		return map[string]interface{}{"Resources": map[string]interface{}{"Kafka": map[string]interface{}{
			"Type": "AWS::MSK::Cluster",
			"Properties": map[string]interface{}{"BrokerNodeGroupInfo": map[string]interface{}{
				"ClientSubnets": subnets, "InstanceType": "kafka.m7g.large"}},
		}}}
	}
	found := *cdkipv6ready.TemplateReplacements_Compare(template("subnet-1", "subnet-2"), template("subnet-1", "subnet-3"), nil)
	if len(found) != 1 || found[0].Kind != cdkipv6ready.ReplacementKind_REPLACED || !*found[0].Stateful ||
		found[0].Property == nil || !strings.HasPrefix(*found[0].Property, "BrokerNodeGroupInfo.ClientSubnets") {
		fail("TemplateReplacements: expected the MSK cluster replaced by ClientSubnets, got %d results", len(found))
	}
}

func main() {
	defer jsii.Close()
	outdir := os.Getenv("CDK_OUTDIR")
	replacements()
	control(filepath.Join(outdir, "control"))

	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(outdir, "app")), Context: &noThrow})
	stack := seedStack(app)
	packs(app)
	assembly := app.Synth(nil)
	if found := findings(*app.Outdir()); len(found) > 0 {
		fail("unacknowledged findings:\n%s", strings.Join(found, "\n"))
	}
	template := assembly.GetStackByName(stack.StackName()).Template().(map[string]interface{})
	fmt.Printf("go smoke: %s (%d resources) synthesized with AwsSolutionsChecks and Ipv6ReadinessChecks: 0 unacknowledged findings\n",
		*stack.StackName(), len(template["Resources"].(map[string]interface{})))
}

func must(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	jsii.Close()
	os.Exit(1)
}
