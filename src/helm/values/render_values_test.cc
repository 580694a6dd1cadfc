#include "helm/values/render_values.h"

#include <gtest/gtest.h>

#include "helm/base/semver.h"
#include "helm/values/test_util.h"

namespace helm::values {
namespace {

using testing::J;
using testing::MakeChart;

struct KubeCase {
  const char* input;
  const char* want;  // "String Version Major Minor" or the error
  bool error = false;
};

// Recorded with `helm template --kube-version X` printing .Capabilities.KubeVersion and its fields.
TEST(RenderValuesTest, ParseKubeVersion) {
  const KubeCase cases[] = {
      {"1.28", "v1.28 v1.28 1 28"},
      {"v1.33.4-gke.1245000", "v1.33.4 v1.33.4-gke.1245000 1 33"},
      {" 1.2.3", "v1.2.3 v 1.2.3 1 2"},
      {"1.02.3", "v1.2.3 v1.02.3 1 2"},
      {"v1.30+k3s", "v1.30 v1.30+k3s 1 30"},
      {"abc", "invalid kube version 'abc': could not parse \"abc\" as version", true},
      {"1", "invalid kube version '1': illegal version string \"1\"", true},
      {"01.2", "invalid kube version '01.2': illegal zero-prefixed version component \"01\" in \"01.2\"", true},
      {"1.x", "invalid kube version '1.x': illegal version string \"1.x\"", true},
      {"1.99999999999999999999",
       "invalid kube version '1.99999999999999999999': illegal non-numeric version component "
       "\"99999999999999999999\" in \"1.99999999999999999999\": strconv.ParseUint: parsing "
       "\"99999999999999999999\": value out of range",
       true},
  };
  for (const KubeCase& c : cases) {
    Result<Capabilities> caps = MakeCapabilities(c.input, {"x/v1", "y/v2"});
    if (c.error) {
      EXPECT_EQ(caps.status().message(), c.want);
      continue;
    }
    ASSERT_TRUE(caps.ok()) << caps.status().message();
    const KubeVersion& kv = caps->kube_version;
    EXPECT_EQ(kv.normalized + " " + kv.version + " " + kv.major + " " + kv.minor, c.want);
    EXPECT_EQ(caps->api_versions.size(), 57u);
  }
}

TEST(RenderValuesTest, CheckKubeVersion) {
  Capabilities caps;
  EXPECT_EQ(CheckKubeVersion(">=1.40", caps).message(),
            "chart requires kubeVersion: >=1.40 which is incompatible with Kubernetes v1.36.0");
  EXPECT_TRUE(CheckKubeVersion(">=1.29.0-0 <1.37", caps).ok());
  EXPECT_EQ(CheckKubeVersion("~1.35", caps).message(),
            "chart requires kubeVersion: ~1.35 which is incompatible with Kubernetes v1.36.0");
  caps = *MakeCapabilities("v1.41.0-gke.1", {});
  EXPECT_TRUE(CheckKubeVersion(">=1.40", caps).ok());
}

TEST(RenderValuesTest, SemverConstraints) {
  struct {
    const char* constraint;
    const char* version;
    bool want;
  } cases[] = {
      {">=0.1.0", "0.1.5", true},  {"~0.1", "0.1.5", true},    {"~0.1", "0.2.0", false},
      {"^1.2.3", "1.9.0", true},   {"^1.2.3", "2.0.0", false}, {"^0.2.3", "0.2.9", true},
      {"^0.2.3", "0.3.0", false},  {"*", "3.4.5", true},       {"1.x", "1.5.0", true},
      {"1.2 - 1.4", "1.4.9", true}, {"1.2 - 1.4", "1.5.0", false}, {">1.0 <2.0 || =3.0.0", "3.0.0", true},
      {">=1.0.0", "1.1.0-beta", false}, {">=1.0.0-0", "1.1.0-beta", true}, {"!=1.2.3", "1.2.3", false},
      {"1.2.3", "v1.2.3", true},   {"", "1.0.0", false},       {"bogus", "1.0.0", false},
      {"1.0.0", "not-a-version", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsCompatibleRange(c.constraint, c.version), c.want) << c.constraint << " " << c.version;
}

TEST(RenderValuesTest, TopLevelMap) {
  chart::Chart c = MakeChart("mychart", R"({"a": 1, "m": {"x": 1}})");
  ReleaseOptions ropts;
  ropts.name = "release-name";
  ropts.ns = "default";
  Result<Value> top = ToRenderValues(c, J(R"({"b": 2})"), ropts, Capabilities(), LogFn());
  ASSERT_TRUE(top.ok()) << top.status().message();
  // Recorded: {{ .Release }} and {{ typeOf .Release.Revision }}.
  EXPECT_EQ(internal::FormatGo(*top->Find("Release")),
            "map[IsInstall:true IsUpgrade:false Name:release-name Namespace:default Revision:1 Service:Helm]");
  EXPECT_EQ(top->Find("Release")->Find("Revision")->TypeName(), "int");
  EXPECT_EQ(top->Find("Values")->TypeName(), "common.Values");
  EXPECT_EQ(internal::FormatGo(*top->Find("Values")), "map[a:1 b:2 m:map[x:1]]");
  ASSERT_TRUE(top->Find("Chart") != nullptr);

  const Value& caps = *top->Find("Capabilities");
  ASSERT_TRUE(caps.is_object());
  EXPECT_EQ(caps.TypeName(), "*common.Capabilities");
  Value kv = *caps.as_object().Field("KubeVersion");
  EXPECT_EQ(kv.as_object().Format(), "v1.36.0");
  EXPECT_EQ(kv.TypeName(), "common.KubeVersion");
  EXPECT_EQ(kv.as_object().Field("Major")->as_string(), "1");
  EXPECT_EQ(kv.as_object().Field("Minor")->as_string(), "36");
  EXPECT_EQ(kv.as_object().CallMethod("GitVersion", {})->as_string(), "v1.36.0");
  Value apis = *caps.as_object().Field("APIVersions");
  EXPECT_EQ(apis.TypeName(), "common.VersionSet");
  Value arg("apps/v1");
  EXPECT_TRUE(apis.as_object().CallMethod("Has", std::span<const Value>(&arg, 1))->as_bool());
  Value kind_arg("apps/v1/Deployment");
  EXPECT_FALSE(apis.as_object().CallMethod("Has", std::span<const Value>(&kind_arg, 1))->as_bool());
  EXPECT_EQ(apis.as_object().CallMethod("Has", {}).status().message(), "wrong number of args for Has: want 1 got 0");
  EXPECT_EQ(apis.as_object().AsPlainValue()->as_list().size(), 55u);
  EXPECT_EQ(apis.as_object().AsPlainValue()->as_list()[1].as_string(), "admissionregistration.k8s.io/v1");
  Value hv = *caps.as_object().Field("HelmVersion");
  EXPECT_EQ(hv.TypeName(), "version.BuildInfo");
  EXPECT_EQ(hv.as_object().Field("Version")->as_string(), "v4.2.4");
  EXPECT_EQ(hv.as_object().Field("KubeClientVersion")->as_string(), "v1.36");
  std::string printed = caps.as_object().Format();
  EXPECT_EQ(printed.substr(0, 60), "{{v1.36.0 v1.36.0 1 36} [v1 admissionregistration.k8s.io/v1 ");
  EXPECT_TRUE(printed.ends_with(
      " apiextensions.k8s.io/v1beta1 apiextensions.k8s.io/v1] {v4.2.4 3900f434fd3ef2b84065dc04508df48f288dba00 "
      "clean go1.26.8 v1.36}}"))
      << printed;
}

TEST(RenderValuesTest, SchemaErrorIsWrapped) {
  chart::Chart c = MakeChart("s1", R"({"port": 80})");
  c.schema = R"({"properties": {"port": {"type": "string"}}})";
  c.has_schema = true;
  chart::Chart sub = MakeChart("sub", "{}");
  sub.schema = R"({"required": ["need"]})";
  sub.has_schema = true;
  c.AddDependency(std::move(sub));
  Result<Value> top = ToRenderValues(c, Value::EmptyMap(), ReleaseOptions(), Capabilities(), LogFn());
  EXPECT_EQ(top.status().message(),
            "values don't meet the specifications of the schema(s) in the following chart(s):\n"
            "s1:\n- at '/port': got number, want string\n"
            "sub:\n- at '': missing property 'need'\n");
  EXPECT_TRUE(ToRenderValuesWithSchemaValidation(c, Value::EmptyMap(), ReleaseOptions(), Capabilities(), true,
                                                 LogFn())
                  .ok());
}

}  // namespace
}  // namespace helm::values
