#include "helm/funcs/funcs.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <crypt.h>

#include <algorithm>
#include <iostream>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "helm/base/fs.h"
#include "helm/funcs/semver.h"
#include "helm/yaml/yaml.h"

namespace helm::funcs {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Helm's values coalescing drops null entries.
void DropNulls(ValueMap& m) {
  for (auto it = m.begin(); it != m.end();) {
    if (it->second.is_null()) {
      it = m.erase(it);
      continue;
    }
    if (it->second.is_map()) DropNulls(it->second.mutable_map());
    ++it;
  }
}

struct Env {
  std::string values_text;
  tmpl::FuncMap funcs;
  Env() {
    setenv("TZ", "UTC", 1);
    values_text = Slurp("testdata/values.yaml");
    funcs = AllFuncMap();
  }
  // Fresh per case: Sprig's set/merge mutate maps, and every recorded case ran in its own helm process.
  Value Data() const {
    auto values = yaml::ParseYamlMap(values_text);
    EXPECT_TRUE(values.ok()) << values.status().message();
    DropNulls(values->mutable_map());
    ValueMap root;
    root["Values"] = values->WithMapType(MapType::kValues);
    return Value(std::move(root));
  }
};

const Env& TheEnv() {
  static Env* env = new Env();
  return *env;
}

// Runs `body` as the named template "x" of file c/templates/_h.tpl, as the recorder did.
Result<std::string> RunCase(std::string_view body) {
  tmpl::TemplateSet set(tmpl::Options{tmpl::MissingKey::kZero});
  set.AddFuncs(TheEnv().funcs);
  HELM_RETURN_IF_ERROR(set.Parse("c/templates/_h.tpl", "{{ define \"x\" }}" + std::string(body) + "{{ end }}"));
  std::string out;
  HELM_RETURN_IF_ERROR(set.Execute("x", TheEnv().Data(), &out));
  return out;
}

// Cases whose reference output is not a property of this module (Helm's engine overrides `fail`), or
// that need Go static types the Value model does not carry ([]int from until/untilStep).
bool Skipped(const std::string& t, const Value& rec) {
  if (t.find("typeOf (until") != std::string::npos) return true;
  if (t == "{{ typeOf (fromToml \"[[a]]\\nb=1\").a }}") return true;  // []map[string]interface {}
  // Go's executor rejects these arguments before the call (uint32 and time.Time parameters), which the
  // template module's ArgType set cannot express yet.
  if (t.starts_with("{{ derivePassword -1") || t == "{{ dateModify \"1h\" \"notatime\" }}" ||
      t == "{{ unixEpoch 5 }}") {
    return true;
  }
  const Value* err = rec.Find("err");
  return err != nullptr && err->as_string().starts_with("execution error at");
}

TEST(FuncsGolden, MatchesReferenceHelm) {
  std::string text = Slurp("testdata/golden.jsonl") + Slurp("testdata/golden_more.jsonl") +
                     Slurp("testdata/golden_idioms.jsonl") + Slurp("testdata/golden_edge.jsonl");
  ASSERT_FALSE(text.empty());
  std::istringstream lines(text);
  std::string line;
  int n = 0, failed = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto rec = yaml::ParseJson(line);
    ASSERT_TRUE(rec.ok()) << line;
    std::string t = rec->Find("t")->as_string();
    if (Skipped(t, *rec)) continue;
    ++n;
    auto got = RunCase(t);
    Value b64 = rec->Find("out_b64") ? *rec->Find("out_b64") : Value();
    Value decoded;
    if (b64.is_string()) {
      tmpl::FuncMap m = SprigFuncMap();
      decoded = *m["b64dec"].impl(std::span<const Value>(&b64, 1), tmpl::CallInfo{});
    }
    const Value* want = rec->Find("out") ? rec->Find("out") : (b64.is_string() ? &decoded : nullptr);
    if (want != nullptr) {
      if (!got.ok()) {
        ADD_FAILURE() << t << "\n  want: " << want->as_string() << "\n  error: " << got.status().message();
        ++failed;
      } else if (*got != want->as_string()) {
        ADD_FAILURE() << t << "\n  want: " << want->as_string() << "\n  got:  " << *got;
        ++failed;
      }
    } else {
      const std::string& want_err = rec->Find("err")->as_string();
      if (got.ok()) {
        ADD_FAILURE() << t << "\n  want error: " << want_err << "\n  got: " << *got;
        ++failed;
      } else if (!got.status().message().ends_with(want_err)) {
        ADD_FAILURE() << t << "\n  want error: " << want_err << "\n  got error:  " << got.status().message();
        ++failed;
      }
    }
  }
  EXPECT_GT(n, 400);
  EXPECT_EQ(failed, 0) << failed << " of " << n << " cases differ";
}

TEST(FuncsMap, HelmDeletesEnvAndOverridesJson) {
  auto m = AllFuncMap();
  EXPECT_EQ(m.count("env"), 0u);
  EXPECT_EQ(m.count("expandenv"), 0u);
  for (const char* f : {"toYaml", "mustToYaml", "fromYaml", "fromYamlArray", "toJson", "mustToJson", "fromJson",
                        "fromJsonArray", "add", "semverCompare", "genCA", "dateInZone", "regexSplit", "urlJoin"}) {
    EXPECT_EQ(m.count(f), 1u) << f;
  }
  for (const char* f : {"include", "tpl", "required", "lookup"}) EXPECT_EQ(m.count(f), 0u) << f;
}

}  // namespace
}  // namespace helm::funcs

namespace helm::funcs {
namespace {

std::string Must(std::string_view body) {
  auto r = RunCase(body);
  EXPECT_TRUE(r.ok()) << body << ": " << r.status().message();
  return r.ok() ? *r : std::string();
}

X509* ParseCert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return x;
}

EVP_PKEY* ParseKey(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* k = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return k;
}

TEST(FuncsRandom, LengthsAndAlphabets) {
  struct Case {
    const char* tmpl;
    size_t len;
    const char* alphabet;
  } cases[] = {
      {"{{ randAlphaNum 40 }}", 40, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"},
      {"{{ randAlpha 40 }}", 40, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"},
      {"{{ randNumeric 40 }}", 40, "0123456789"},
      {"{{ randAscii 40 }}", 40, nullptr},
      {"{{ randAlpha 0 }}", 0, ""},
      {"{{ randAlpha -3 }}", 0, ""},
  };
  for (const auto& c : cases) {
    std::string s = Must(c.tmpl);
    EXPECT_EQ(s.size(), c.len) << c.tmpl;
    for (char ch : s) {
      if (c.alphabet) {
        EXPECT_NE(std::string_view(c.alphabet).find(ch), std::string_view::npos) << c.tmpl << " " << s;
      } else {
        EXPECT_TRUE(ch >= 32 && ch <= 126) << s;
      }
    }
  }
  EXPECT_NE(Must("{{ randAlphaNum 32 }}"), Must("{{ randAlphaNum 32 }}"));
  std::string shuffled = Must("{{ shuffle \"abcdefghij\" }}");
  std::sort(shuffled.begin(), shuffled.end());
  EXPECT_EQ(shuffled, "abcdefghij");
  std::string b = Must("{{ randBytes 24 }}");
  EXPECT_EQ(b.size(), 32u);
  EXPECT_EQ(Must("{{ randBytes 24 | b64dec | len }}"), "24");
}

TEST(FuncsRandom, Uuid) {
  std::string u = Must("{{ uuidv4 }}");
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[8], '-');
  EXPECT_EQ(u[14], '4');
  EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
  EXPECT_NE(u, Must("{{ uuidv4 }}"));
}

TEST(FuncsCrypto, BcryptAndHtpasswd) {
  std::string h = Must("{{ htpasswd \"admin\" \"secret\" }}");
  ASSERT_TRUE(h.starts_with("admin:$2a$10$")) << h;
  EXPECT_EQ(h.size(), 6u + 60u);
  std::string hash = h.substr(6);
  crypt_data data{};
  EXPECT_EQ(std::string(crypt_r("secret", hash.c_str(), &data)), hash);
  EXPECT_EQ(Must("{{ htpasswd \"a:b\" \"x\" }}"), "invalid username: a:b");
  EXPECT_TRUE(Must("{{ bcrypt \"x\" }}").starts_with("$2a$10$"));
}

TEST(FuncsCrypto, AesRoundTrip) {
  EXPECT_EQ(Must("{{ encryptAES \"key\" \"hello world\" | decryptAES \"key\" }}"), "hello world");
  EXPECT_EQ(Must("{{ encryptAES \"a-very-long-password-longer-than-32-bytes!!\" \"x\" | decryptAES "
                 "\"a-very-long-password-longer-than-32-bytes!!\" }}"),
            "x");
  std::string c = Must("{{ encryptAES \"key\" \"0123456789abcdef\" }}");
  EXPECT_EQ(c.size(), 64u);  // IV + 2 blocks, base64
}

TEST(FuncsCrypto, PrivateKeys) {
  for (const char* t : {"ecdsa", "ed25519", "rsa"}) {
    std::string pem = Must(std::string("{{ genPrivateKey \"") + t + "\" }}");
    EVP_PKEY* k = ParseKey(pem);
    ASSERT_NE(k, nullptr) << t << pem;
    if (std::string(t) == "rsa") {
      // Sprig's RSA keys are 4096 bits; the key must be internally consistent (primes, CRT values).
      EXPECT_EQ(EVP_PKEY_get_bits(k), 4096);
      EVP_PKEY_CTX* check = EVP_PKEY_CTX_new(k, nullptr);
      EXPECT_EQ(EVP_PKEY_check(check), 1);
      EVP_PKEY_CTX_free(check);
    }
    EVP_PKEY_free(k);
    std::string head = std::string(t) == "ecdsa" ? "-----BEGIN EC PRIVATE KEY-----\n"
                       : std::string(t) == "rsa" ? "-----BEGIN RSA PRIVATE KEY-----\n"
                                                 : "-----BEGIN PRIVATE KEY-----\n";
    EXPECT_TRUE(pem.starts_with(head)) << pem;
  }
  EXPECT_EQ(Must("{{ genPrivateKey \"foo\" }}"), "Unknown type foo");
}

TEST(FuncsCrypto, CertificateChain) {
  std::string out = Must(
      "{{ $ca := genCA \"my-ca\" 365 }}{{ $c := genSignedCert \"svc\" (list \"10.0.0.1\") (list \"svc.local\") 30 $ca }}"
      "{{ $ca.Cert }}|{{ $ca.Key }}|{{ $c.Cert }}|{{ $c.Key }}|{{ typeOf $ca }}|{{ kindOf $ca }}");
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= out.size(); ++i) {
    if (i == out.size() || out[i] == '|') {
      parts.push_back(out.substr(start, i - start));
      start = i + 1;
    }
  }
  ASSERT_EQ(parts.size(), 6u);
  EXPECT_EQ(parts[4], "sprig.certificate");
  EXPECT_EQ(parts[5], "struct");
  X509* ca = ParseCert(parts[0]);
  X509* leaf = ParseCert(parts[2]);
  ASSERT_NE(ca, nullptr);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(X509_check_ca(ca), 1);
  EXPECT_EQ(X509_check_ca(leaf), 0);
  EVP_PKEY* ca_pub = X509_get0_pubkey(ca);
  EXPECT_EQ(X509_verify(leaf, ca_pub), 1);
  EXPECT_EQ(X509_verify(ca, ca_pub), 1);
  EXPECT_EQ(X509_check_host(leaf, "svc.local", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(leaf, "10.0.0.1", 0), 1);
  char cn[64];
  X509_NAME_get_text_by_NID(X509_get_subject_name(leaf), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "svc");
  X509_NAME_get_text_by_NID(X509_get_issuer_name(leaf), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "my-ca");
  EVP_PKEY* key = ParseKey(parts[3]);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(X509_check_private_key(leaf, key), 1);
  EXPECT_EQ(EVP_PKEY_get_bits(key), 2048);
  EVP_PKEY_CTX* check = EVP_PKEY_CTX_new(key, nullptr);
  EXPECT_EQ(EVP_PKEY_check(check), 1);  // primes, exponents and CRT coefficients agree
  EVP_PKEY_CTX_free(check);
  EVP_PKEY_free(key);
  X509_free(ca);
  X509_free(leaf);
}

TEST(FuncsCrypto, CertificatesWithKeys) {
  std::string out = Must(
      "{{ $k := genPrivateKey \"ecdsa\" }}{{ $c := genSelfSignedCertWithKey \"self\" nil nil 3 $k }}"
      "{{ $ca := genCAWithKey \"ca\" 3 $k }}{{ $s := genSignedCertWithKey \"leaf\" nil (list \"a.b\") 3 $ca $k }}"
      "{{ eq $c.Key $k }} {{ eq $s.Key $k }} {{ $b := buildCustomCert ($c.Cert | b64enc) ($c.Key | b64enc) }}"
      "{{ eq $b.Cert $c.Cert }}");
  EXPECT_EQ(out, "true true true");
  auto bad = RunCase("{{ genSelfSignedCertWithKey \"x\" nil nil 3 \"nope\" }}");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().message().ends_with("error calling genSelfSignedCertWithKey: parsing private key: no PEM "
                                               "data in input"))
      << bad.status().message();
  auto bad_ip = RunCase("{{ genSelfSignedCert \"x\" (list \"not-an-ip\") nil 3 }}");
  ASSERT_FALSE(bad_ip.ok());
  EXPECT_TRUE(bad_ip.status().message().ends_with("error parsing ip: not-an-ip")) << bad_ip.status().message();
  auto bad_b64 = RunCase("{{ buildCustomCert \"!!\" \"\" }}");
  ASSERT_FALSE(bad_b64.ok());
  EXPECT_TRUE(bad_b64.status().message().ends_with("unable to decode base64 certificate"));
}

TEST(FuncsDates, Now) {
  EXPECT_EQ(Must("{{ typeOf now }}"), "time.Time");
  std::string year = Must("{{ now | date \"2006\" }}");
  EXPECT_EQ(year, Must("{{ now.Year }}"));
  EXPECT_EQ(Must("{{ ago now }}"), "0s");
  EXPECT_EQ(Must("{{ durationRound now }}"), "0s");
  std::string s = Must("{{ now }}");
  EXPECT_NE(s.find(" m=+"), std::string::npos) << s;
  EXPECT_EQ(Must("{{ now.UTC | date \"MST\" }}"), "UTC");
}

TEST(FuncsDates, MakeTimeAndFormat) {
  auto t = MakeTime(1700000000, 123456789, "Europe/Paris");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->TypeName(), "time.Time");
  EXPECT_EQ(FormatTime(*t, "2006-01-02T15:04:05.000Z07:00 MST"), "2023-11-14T23:13:20.123+01:00 CET");
  EXPECT_EQ(t->as_object().Format(), "2023-11-14 23:13:20.123456789 +0100 CET");
  EXPECT_FALSE(MakeTime(0, 0, "No/Such").ok());
}

TEST(FuncsSemver, Api) {
  struct Case {
    const char* constraint;
    const char* version;
    bool want;
  } cases[] = {
      {"^1.2.3", "1.9.0", true},  {"^1.2.3", "2.0.0", false}, {"~1.2.3", "1.2.9", true},
      {">=1.0.0 <2", "1.5.0", true}, {"1.2 - 1.4", "1.4.9", true}, {"1.2 - 1.4", "1.5.0", false},
      {"*", "0.0.1", true}, {">1.0.0", "1.1.0-rc.1", false}, {">1.0.0-0", "1.1.0-rc.1", true},
  };
  for (const auto& c : cases) {
    auto cs = SemConstraints::Parse(c.constraint);
    ASSERT_TRUE(cs.ok()) << c.constraint;
    auto v = ParseSemVersion(c.version);
    ASSERT_TRUE(v.ok()) << c.version;
    EXPECT_EQ(cs->Check(*v), c.want) << c.constraint << " " << c.version;
  }
  EXPECT_EQ(ParseSemVersion("v1.2").value().String(), "1.2.0");
  EXPECT_EQ(SemConstraints::Parse("foo").status().message(), "improper constraint: \"foo\"");
}

}  // namespace
}  // namespace helm::funcs

namespace helm::funcs {
namespace {

// strvals' typed scalars for the simple --set forms the conformance groups use.
Value SetScalar(const std::string& v, bool as_string) {
  if (as_string) return Value(v);
  if (v == "true") return Value(true);
  if (v == "false") return Value(false);
  if (v == "null") return Value();
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (!v.empty() && end == v.c_str() + v.size() && (v[0] != '0' || v.size() == 1)) return Value::Int64(n);
  return Value(v);
}

TEST(FuncsConformance, SprigAndHelmGroups) {
  std::string text = Slurp("testdata/conformance.jsonl");
  ASSERT_FALSE(text.empty());
  std::istringstream lines(text);
  std::string line;
  int n = 0, failed = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto rec = yaml::ParseJson(line);
    ASSERT_TRUE(rec.ok()) << line;
    auto values = yaml::ParseYamlMap(rec->Find("values")->as_string());
    ASSERT_TRUE(values.ok());
    DropNulls(values->mutable_map());
    const ValueList& set = rec->Find("set")->as_list();
    for (size_t i = 0; i + 1 < set.size(); i += 2) {
      const std::string& arg = set[i + 1].as_string();
      size_t eq = arg.find('=');
      values->mutable_map()[arg.substr(0, eq)] = SetScalar(arg.substr(eq + 1), set[i].as_string() == "--set-string");
    }
    ValueMap root;
    root["Values"] = values->WithMapType(MapType::kValues);
    tmpl::TemplateSet ts(tmpl::Options{tmpl::MissingKey::kZero});
    ts.AddFuncs(TheEnv().funcs);
    std::string id = rec->Find("id")->as_string();
    std::string t = rec->Find("t")->as_string();
    // Functions still waiting for their codec in the yaml module are checked once they are registered.
    bool pending = false;
    for (const char* f : {"toYamlPretty", "toToml", "mustToToml", "fromToml"}) {
      pending = pending || (t.find(f) != std::string::npos && TheEnv().funcs.count(f) == 0);
    }
    if (pending) continue;
    ++n;
    Status st = ts.Parse("conf/templates/case.yaml", "{{ define \"x\" }}" + t + "{{ end }}");
    std::string out;
    if (st.ok()) st = ts.Execute("x", Value(std::move(root)), &out);
    // (Helm's "<no value>" replacement does not reach these outputs: toJson escaped the brackets.)
    const std::string& want = rec->Find("out")->as_string();
    if (!st.ok()) {
      ADD_FAILURE() << id << ": " << t << "\n  want: " << want << "\n  error: " << st.message();
      ++failed;
    } else if (out != want) {
      ADD_FAILURE() << id << ": " << t << "\n  want: " << want << "\n  got:  " << out;
      ++failed;
    }
  }
  EXPECT_GT(n, 500);
  EXPECT_EQ(failed, 0) << failed << " of " << n << " cases differ";
}

}  // namespace
}  // namespace helm::funcs
