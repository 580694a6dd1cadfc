#include "helm/release/manifest.h"

#include <gtest/gtest.h>

namespace helm::release {
namespace {

TEST(SplitManifestsTest, SplitsOnDashLines) {
  struct Case {
    std::string in;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"", {}},
      {"  \n\n", {}},
      {"a: 1\n", {"a: 1\n"}},
      {"\n---\na: 1\n---   \nb: 2\n", {"a: 1\n", "b: 2\n"}},
      {"a: 1\n---\n\n---\nb: 2", {"a: 1\n", "b: 2"}},
      {"a: 1\n--- # c\nb: 2", {"a: 1\n", "# c\nb: 2"}},
      {"a: '---'\n", {"a: '---'\n"}},
  };
  for (const Case& c : cases) EXPECT_EQ(SplitManifests(c.in), c.want) << c.in;
}

TEST(SortManifestsTest, SortsByKindAndSeparatesHooks) {
  std::map<std::string, std::string> files = {
      {"c/templates/b.yaml", "kind: Deployment\nmetadata:\n  name: d\n---\nkind: Zeta\n---\nkind: Alpha\n"},
      {"c/templates/a.yaml", "kind: Service\n---\nkind: Namespace\n"},
      {"c/templates/_helpers.tpl", "kind: Ignored\n"},
      {"c/templates/blank.yaml", "  \n"},
      {"c/templates/hook.yaml",
       "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: Post-Install, test-success\n"
       "    helm.sh/hook-weight: \"-3\"\n    helm.sh/hook-delete-policy: before-hook-creation,Hook-Succeeded\n"
       "---\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: bogus\n"
       "---\nkind: ConfigMap\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: x\n"},
  };
  auto r = SortManifests(files, InstallOrder());
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string> kinds;
  for (const Manifest& m : r->manifests) kinds.push_back(m.head.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"Namespace", "Service", "Deployment", "Alpha", "Zeta"}));
  ASSERT_EQ(r->hooks.size(), 2u);
  EXPECT_EQ(r->hooks[0].kind, "ConfigMap");
  EXPECT_EQ(r->hooks[0].weight, 0);
  EXPECT_EQ(r->hooks[1].kind, "Job");
  EXPECT_EQ(r->hooks[1].name, "j");
  EXPECT_EQ(r->hooks[1].weight, -3);
  EXPECT_EQ(r->hooks[1].events, (std::vector<HookEvent>{HookEvent::kPostInstall, HookEvent::kTest}));
  EXPECT_TRUE(r->hooks[1].IsTest());
  EXPECT_EQ(r->hooks[1].delete_policies, (std::vector<std::string>{"before-hook-creation", "hook-succeeded"}));
  EXPECT_EQ(r->unknown_hooks, (std::vector<std::string>{"bogus"}));
}

TEST(SortManifestsTest, YamlErrorNamesTheFile) {
  auto r = SortManifests({{"c/templates/x.yaml", "kind: [1"}}, InstallOrder());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "YAML parse error on c/templates/x.yaml: error converting YAML to JSON: yaml: line 1: did not find "
            "expected ',' or ']'");
  r = SortManifests({{"c/templates/x.yaml", "- a\n- b"}}, InstallOrder());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "YAML parse error on c/templates/x.yaml: error unmarshaling JSON: while decoding JSON: json: cannot "
            "unmarshal array into Go value of type util.SimpleHead");
}

}  // namespace
}  // namespace helm::release
