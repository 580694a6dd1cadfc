// Sprig's hashing, random, key, certificate and AES functions on OpenSSL 3 (bcrypt through libxcrypt).
#include <arpa/inet.h>
#include <crypt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {

std::string Hex(const unsigned char* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s;
  s.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    s.push_back(d[p[i] >> 4]);
    s.push_back(d[p[i] & 15]);
  }
  return s;
}

std::string Digest(const EVP_MD* md, std::string_view in) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(in.data(), in.size(), out, &n, md, nullptr);
  return Hex(out, n);
}

uint32_t Adler32(std::string_view s) {
  uint32_t a = 1, b = 0;
  for (unsigned char c : s) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

std::string Bcrypt(std::string_view password) {
  // Go's bcrypt rejects passwords longer than 72 bytes.
  if (password.size() > 72) {
    return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
  }
  unsigned char rnd[16];
  RandomBytes(rnd, sizeof rnd);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2a$", 10, reinterpret_cast<const char*>(rnd), sizeof rnd, setting, sizeof setting) ==
      nullptr) {
    return "failed to encrypt string with bcrypt: salt generation failed";
  }
  crypt_data data;
  std::memset(&data, 0, sizeof data);
  std::string pw(password);
  const char* h = crypt_r(pw.c_str(), setting, &data);
  if (h == nullptr || h[0] == '*') return "failed to encrypt string with bcrypt: hashing failed";
  return h;
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

PkeyPtr NoKey() { return PkeyPtr(nullptr, &EVP_PKEY_free); }

std::string BioString(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, n);
}

// PEM block for a private key the way Sprig's pemBlockForKey writes it.
std::string KeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_DSA) {
    PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  } else {
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  }
  return BioString(bio.get());
}

// An RSA key from two random primes of bits/2 bits each (OpenSSL sets their top two bits, so n has exactly
// `bits` bits) and e = 65537, as Go's crypto/rsa builds one. OpenSSL 3's EVP_RSA_gen takes the SP 800-56B
// route for keys of 2048 bits and more, which is about three times slower; charts that generate TLS
// certificates spend most of their rendering time here.
//
// `stop`, when given, cancels the generation (nullptr result) as soon as it becomes true.
PkeyPtr GenRsaFromPrimes(unsigned bits, const std::atomic<bool>* stop = nullptr) {
  using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_clear_free)>;
  auto bn = [] { return BnPtr(BN_secure_new(), &BN_clear_free); };
  std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)> ctx(BN_CTX_secure_new(), &BN_CTX_free);
  BnPtr p = bn(), q = bn(), e = bn(), n = bn(), d = bn(), p1 = bn(), q1 = bn(), phi = bn(), dmp1 = bn(),
        dmq1 = bn(), iqmp = bn(), g = bn();
  if (!ctx || !BN_set_word(e.get(), 65537)) return PkeyPtr(nullptr, &EVP_PKEY_free);
  std::unique_ptr<BN_GENCB, decltype(&BN_GENCB_free)> cb(nullptr, &BN_GENCB_free);
  if (stop != nullptr) {
    cb.reset(BN_GENCB_new());
    if (!cb) return PkeyPtr(nullptr, &EVP_PKEY_free);
    // Prime search calls this often; returning 0 aborts it.
    BN_GENCB_set(
        cb.get(),
        [](int, int, BN_GENCB* c) -> int {
          return static_cast<const std::atomic<bool>*>(BN_GENCB_get_arg(c))->load(std::memory_order_relaxed) ? 0
                                                                                                             : 1;
        },
        const_cast<std::atomic<bool>*>(stop));
  }
  auto prime_ok = [&](BIGNUM* prime, BIGNUM* minus_one) {
    return BN_generate_prime_ex2(prime, static_cast<int>(bits / 2), 0, nullptr, nullptr, cb.get(), ctx.get()) &&
           BN_sub(minus_one, prime, BN_value_one()) && BN_gcd(g.get(), minus_one, e.get(), ctx.get()) &&
           BN_is_one(g.get());
  };
  for (int attempt = 0; attempt < 64; ++attempt) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) break;
    if (!prime_ok(p.get(), p1.get()) || !prime_ok(q.get(), q1.get()) || BN_cmp(p.get(), q.get()) == 0) continue;
    if (!BN_mul(n.get(), p.get(), q.get(), ctx.get()) || BN_num_bits(n.get()) != static_cast<int>(bits)) continue;
    if (!BN_mul(phi.get(), p1.get(), q1.get(), ctx.get()) ||
        !BN_mod_inverse(d.get(), e.get(), phi.get(), ctx.get()) ||
        !BN_mod(dmp1.get(), d.get(), p1.get(), ctx.get()) || !BN_mod(dmq1.get(), d.get(), q1.get(), ctx.get()) ||
        !BN_mod_inverse(iqmp.get(), q.get(), p.get(), ctx.get())) {
      continue;
    }
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), &OSSL_PARAM_BLD_free);
    if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()) ||
        !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, iqmp.get())) {
      break;
    }
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                   &OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> kctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), &EVP_PKEY_CTX_free);
    EVP_PKEY* key = nullptr;
    if (!params || !kctx || EVP_PKEY_fromdata_init(kctx.get()) <= 0 ||
        EVP_PKEY_fromdata(kctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) <= 0) {
      break;
    }
    return PkeyPtr(key, &EVP_PKEY_free);
  }
  return PkeyPtr(nullptr, &EVP_PKEY_free);
}

// 2048-bit RSA keys made ahead of need on a background thread. Keys are random and independent of the
// template, so taking one made earlier changes nothing but timing; charts that generate many certificates
// (Bitnami's auto-generated TLS) then overlap key generation with rendering on a second core. The thread
// starts at the first request (which is served inline), keeps a small stock and is cancelled and joined
// at exit before OpenSSL's own cleanup frees anything.
class RsaKeyPool {
 public:
  static constexpr unsigned kBits = 2048;

  // Starts the pool on first use. The pool is never destroyed; its worker is stopped at exit by
  // whichever comes first: OpenSSL's cleanup (OPENSSL_atexit handlers run before OpenSSL frees anything)
  // or our own atexit handler.
  static RsaKeyPool& Get() {
    static RsaKeyPool* const pool = [] {
      auto* p = new RsaKeyPool();
      OPENSSL_atexit([] { Get().Shutdown(); });
      std::atexit([] { Get().Shutdown(); });
      return p;
    }();
    return *pool;
  }

  // A ready key, or nullptr when none is in stock.
  PkeyPtr Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (ready_.empty()) return NoKey();
    PkeyPtr key = std::move(ready_.back());
    ready_.pop_back();
    cv_.notify_one();
    return key;
  }

  // Cancels the worker and waits for it; called at exit on the main thread.
  void Shutdown() {
    stop_.store(true);
    {
      std::lock_guard<std::mutex> lock(mu_);
      cv_.notify_all();
    }
    if (worker_.joinable()) worker_.join();
  }

 private:
  static constexpr size_t kStock = 2;

  RsaKeyPool() : worker_([this] { Run(); }) {}

  void Run() {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stop_.load() || ready_.size() < kStock; });
        if (stop_.load()) return;
      }
      PkeyPtr key = GenRsaFromPrimes(kBits, &stop_);
      if (!key) return;
      std::lock_guard<std::mutex> lock(mu_);
      ready_.push_back(std::move(key));
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PkeyPtr> ready_;
  std::atomic<bool> stop_{false};
  std::thread worker_;  // last: starts once the members above exist
};

PkeyPtr GenRsa(unsigned bits) {
  if (bits == RsaKeyPool::kBits) {
    // The first request starts the pool and is served inline; later ones take a ready key when there is one.
    if (PkeyPtr key = RsaKeyPool::Get().Take()) return key;
    PkeyPtr key = GenRsaFromPrimes(bits);
    if (key) return key;
  } else if (bits % 2 == 0) {
    PkeyPtr key = GenRsaFromPrimes(bits);
    if (key) return key;
  }
  return PkeyPtr(EVP_RSA_gen(bits), &EVP_PKEY_free);
}

PkeyPtr GenDsa() {
  EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr);
  EVP_PKEY* params = nullptr;
  EVP_PKEY* key = nullptr;
  if (pctx && EVP_PKEY_paramgen_init(pctx) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx, 2048) > 0 &&
      EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pctx, 256) > 0 && EVP_PKEY_paramgen(pctx, &params) > 0) {
    EVP_PKEY_CTX* kctx = EVP_PKEY_CTX_new(params, nullptr);
    if (kctx && EVP_PKEY_keygen_init(kctx) > 0) EVP_PKEY_keygen(kctx, &key);
    EVP_PKEY_CTX_free(kctx);
  }
  EVP_PKEY_free(params);
  EVP_PKEY_CTX_free(pctx);
  return PkeyPtr(key, &EVP_PKEY_free);
}

Result<PkeyPtr> ParsePrivateKeyPem(std::string_view pem) {
  // Find the first PEM block to report Go's errors for non-key blocks.
  size_t b = pem.find("-----BEGIN ");
  if (b == std::string_view::npos) return Fail("no PEM data in input");
  size_t e = pem.find("-----", b + 11);
  if (e == std::string_view::npos) return Fail("no PEM data in input");
  std::string type(pem.substr(b + 11, e - b - 11));
  if (type != "PRIVATE KEY" && !(type.size() > 12 && type.ends_with(" PRIVATE KEY"))) {
    return Fail("no private key data in PEM block of type " + type);
  }
  std::string prefix = type == "PRIVATE KEY" ? "" : type.substr(0, type.size() - 12);
  if (!prefix.empty() && prefix != "RSA" && prefix != "EC" && prefix != "DSA") {
    return Fail("invalid private key type " + type);
  }
  BioPtr bio(BIO_new_mem_buf(pem.data() + b, static_cast<int>(pem.size() - b)), &BIO_free);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) {
    if (prefix.empty()) return Fail("decoding PEM as PKCS#8: asn1: structure error");
    return Fail("parsing " + prefix + " private key from PEM: asn1: structure error");
  }
  return PkeyPtr(key, &EVP_PKEY_free);
}

class Certificate : public Object {
 public:
  Certificate(std::string cert, std::string key) : cert_(std::move(cert)), key_(std::move(key)) {}
  std::string TypeName() const override { return "sprig.certificate"; }
  std::string KindName() const override { return "struct"; }
  std::optional<Value> Field(std::string_view name) const override {
    if (name == "Cert") return Value(cert_);
    if (name == "Key") return Value(key_);
    return std::nullopt;
  }
  std::string Format() const override { return "{" + cert_ + " " + key_ + "}"; }
  const std::string& cert() const { return cert_; }
  const std::string& key() const { return key_; }

 private:
  std::string cert_, key_;
};

Value CertValue(std::string cert, std::string key) {
  return Value(std::shared_ptr<const Object>(std::make_shared<Certificate>(std::move(cert), std::move(key))));
}

Result<std::vector<std::string>> IpList(const Value& ips) {
  std::vector<std::string> out;
  if (!ips.is_list()) return out;
  for (const Value& ip : ips.as_list()) {
    if (!ip.is_string()) return Fail("error parsing ip: " + tmpl::FormatValue(ip) + " is not a string");
    unsigned char buf[16];
    std::string s = ip.as_string();
    if (inet_pton(AF_INET, s.c_str(), buf) != 1 && inet_pton(AF_INET6, s.c_str(), buf) != 1) {
      return Fail("error parsing ip: " + s);
    }
    out.push_back(s);
  }
  return out;
}

Result<std::vector<std::string>> DnsList(const Value& dns) {
  std::vector<std::string> out;
  if (!dns.is_list()) return out;
  for (const Value& d : dns.as_list()) {
    if (!d.is_string()) {
      return Fail("error processing alternate dns name: " + tmpl::FormatValue(d) + " is not a string");
    }
    out.push_back(d.as_string());
  }
  return out;
}

bool AddExt(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  if (ext == nullptr) return false;
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return true;
}

struct CertSpec {
  std::string cn;
  std::vector<std::string> ips;
  std::vector<std::string> dns;
  int64_t days = 0;
  bool is_ca = false;
};

// Builds and signs a certificate: self-signed when `parent` is null. Returns {certPEM, keyPEM}.
Result<Value> MakeCert(const CertSpec& spec, EVP_PKEY* signee, X509* parent, EVP_PKEY* signer) {
  int signer_id = EVP_PKEY_get_base_id(signer);
  if (signer_id != EVP_PKEY_RSA && signer_id != EVP_PKEY_EC && signer_id != EVP_PKEY_ED25519) {
    return Fail("error creating certificate: x509: only RSA, ECDSA and Ed25519 keys supported");
  }
  if (EVP_PKEY_get_base_id(signee) == EVP_PKEY_DSA) {
    return Fail("error creating certificate: x509: unsupported public key type: *dsa.PublicKey");
  }
  X509Ptr cert(X509_new(), &X509_free);
  X509_set_version(cert.get(), 2);
  BIGNUM* serial = BN_new();
  BIGNUM* bound = BN_new();
  BN_one(bound);
  BN_lshift(bound, bound, 128);
  BN_rand_range(serial, bound);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  BN_free(bound);
  X509_NAME* name = X509_NAME_new();
  if (!spec.cn.empty()) {
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(spec.cn.c_str()),
                               -1, -1, 0);
  }
  X509_set_subject_name(cert.get(), name);
  X509_set_issuer_name(cert.get(), parent ? X509_get_subject_name(parent) : name);
  X509_NAME_free(name);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(spec.days * 24 * 3600));
  X509_set_pubkey(cert.get(), signee);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, parent ? parent : cert.get(), cert.get(), nullptr, nullptr, 0);
  AddExt(cert.get(), &ctx, NID_key_usage,
         spec.is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign" : "critical,digitalSignature,keyEncipherment");
  AddExt(cert.get(), &ctx, NID_ext_key_usage, "serverAuth,clientAuth");
  AddExt(cert.get(), &ctx, NID_basic_constraints, spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (spec.is_ca) AddExt(cert.get(), &ctx, NID_subject_key_identifier, "hash");
  if (parent && X509_get0_subject_key_id(parent) != nullptr) {
    AddExt(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  }
  std::string san;
  for (const auto& d : spec.dns) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
  for (const auto& ip : spec.ips) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  if (!san.empty()) AddExt(cert.get(), &ctx, NID_subject_alt_name, san);
  const EVP_MD* md = signer_id == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  if (X509_sign(cert.get(), signer, md) <= 0) return Fail("error creating certificate: signing failed");
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_X509(bio.get(), cert.get());
  return CertValue(BioString(bio.get()), KeyPem(signee));
}

Result<CertSpec> Spec(Args a, bool with_sans) {
  CertSpec s;
  s.cn = a[0].as_string();
  if (with_sans) {
    HELM_ASSIGN_OR_RETURN(s.ips, IpList(a[1]));
    HELM_ASSIGN_OR_RETURN(s.dns, DnsList(a[2]));
    s.days = a[3].as_int();
  } else {
    s.days = a[1].as_int();
  }
  return s;
}

Result<const Certificate*> CertArg(const Value& v) {
  if (v.is_object()) {
    if (auto* c = dynamic_cast<const Certificate*>(&v.as_object())) return c;
  }
  return Fail("wrong type for value; expected sprig.certificate; got " + v.TypeName());
}

Result<Value> SignedCert(Args a, EVP_PKEY* priv) {
  HELM_ASSIGN_OR_RETURN(CertSpec spec, Spec(a, true));
  HELM_ASSIGN_OR_RETURN(const Certificate* ca, CertArg(a[4]));
  BioPtr bio(BIO_new_mem_buf(ca->cert().data(), static_cast<int>(ca->cert().size())), &BIO_free);
  X509Ptr parent(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!parent) return Fail("unable to decode certificate");
  auto signer = ParsePrivateKeyPem(ca->key());
  if (!signer.ok()) return Fail("error parsing private key: " + signer.status().message());
  return MakeCert(spec, priv, parent.get(), signer->get());
}

// scrypt through OpenSSL's KDF.
bool Scrypt(std::string_view password, std::string_view salt, uint64_t n, uint64_t r, uint64_t p, unsigned char* out,
            size_t len) {
  return EVP_PBE_scrypt(password.data(), password.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                        salt.size(), n, r, p, 1024ull * 1024 * 1024, out, len) == 1;
}

void AppendBE32(std::string* s, uint32_t v) {
  s->push_back(static_cast<char>(v >> 24));
  s->push_back(static_cast<char>(v >> 16));
  s->push_back(static_cast<char>(v >> 8));
  s->push_back(static_cast<char>(v));
}

const std::map<std::string, std::vector<std::string>, std::less<>>& PasswordTemplates() {
  static const auto* t = new std::map<std::string, std::vector<std::string>, std::less<>>{
      {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
      {"long",
       {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
        "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
        "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
        "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno"}},
      {"medium", {"CvcnoCvc", "CvcCvcno"}},
      {"short", {"Cvcn"}},
      {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
      {"pin", {"nnnn"}},
  };
  return *t;
}

std::string_view TemplateChars(char c) {
  switch (c) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    case 'x': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
    default: return "";
  }
}

std::string DerivePassword(uint32_t counter, const std::string& type, const std::string& password,
                           const std::string& user, const std::string& site) {
  auto it = PasswordTemplates().find(type);
  if (it == PasswordTemplates().end()) return "cannot find password template " + type;
  const std::string seed_prefix = "com.lyndir.masterpassword";
  std::string salt = seed_prefix;
  AppendBE32(&salt, static_cast<uint32_t>(user.size()));
  salt += user;
  unsigned char key[64];
  if (!Scrypt(password, salt, 32768, 8, 2, key, sizeof key)) return "failed to derive password: scrypt failed";
  std::string msg = seed_prefix;
  AppendBE32(&msg, static_cast<uint32_t>(site.size()));
  msg += site;
  AppendBE32(&msg, counter);
  unsigned char seed[EVP_MAX_MD_SIZE];
  unsigned int seed_len = 0;
  HMAC(EVP_sha256(), key, sizeof key, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), seed, &seed_len);
  const auto& templates = it->second;
  const std::string& temp = templates[seed[0] % templates.size()];
  std::string out;
  for (size_t i = 0; i < temp.size(); ++i) {
    std::string_view chars = TemplateChars(temp[i]);
    out.push_back(chars[seed[i + 1] % chars.size()]);
  }
  return out;
}

Result<Value> EncryptAes(const std::string& password, const std::string& plaintext) {
  if (plaintext.empty()) return Value("");
  unsigned char key[32] = {0};
  std::memcpy(key, password.data(), std::min<size_t>(32, password.size()));
  std::string content = plaintext;
  size_t pad = 16 - content.size() % 16;
  content.append(pad, static_cast<char>(pad));
  std::string out(16 + content.size(), '\0');
  RandomBytes(reinterpret_cast<unsigned char*>(out.data()), 16);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key, reinterpret_cast<unsigned char*>(out.data()));
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  int n = 0;
  EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.data() + 16), &n,
                    reinterpret_cast<const unsigned char*>(content.data()), static_cast<int>(content.size()));
  EVP_CIPHER_CTX_free(ctx);
  return Value(Base64Encode(out));
}

Result<Value> DecryptAes(const std::string& password, const std::string& crypt64) {
  if (crypt64.empty()) return Value("");
  unsigned char key[32] = {0};
  std::memcpy(key, password.data(), std::min<size_t>(32, password.size()));
  std::string err;
  auto crypt = Base64Decode(crypt64, &err);
  if (!crypt) return Fail(err);
  if (crypt->size() < 16) {
    return Fail("runtime error: slice bounds out of range [:16] with capacity " + std::to_string(crypt->size()));
  }
  std::string body = crypt->substr(16);
  if (body.size() % 16 != 0) return Fail("crypto/cipher: input not full blocks");
  if (body.empty()) return Fail("runtime error: index out of range [-1]");
  std::string dec(body.size(), '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key, reinterpret_cast<const unsigned char*>(crypt->data()));
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  int n = 0;
  EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(dec.data()), &n,
                    reinterpret_cast<const unsigned char*>(body.data()), static_cast<int>(body.size()));
  EVP_CIPHER_CTX_free(ctx);
  size_t pad = static_cast<unsigned char>(dec.back());
  if (pad > dec.size()) {
    return Fail("runtime error: slice bounds out of range [:" + std::to_string(static_cast<int64_t>(dec.size()) -
                                                                                static_cast<int64_t>(pad)) + "]");
  }
  return Value(dec.substr(0, dec.size() - pad));
}

}  // namespace

void RegisterCrypto(FuncMap& m) {
  using A = ArgType;
  const auto kS = A::kString;
  const auto kI = A::kInt;
  const auto kL = A::kList;
  Def(m, "sha1sum", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Digest(EVP_sha1(), a[0].as_string())); });
  Def(m, "sha256sum", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(Digest(EVP_sha256(), a[0].as_string()));
  });
  Def(m, "sha512sum", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(Digest(EVP_sha512(), a[0].as_string()));
  });
  Def(m, "adler32sum", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(std::to_string(Adler32(a[0].as_string())));
  });
  Def(m, "bcrypt", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Bcrypt(a[0].as_string())); });
  Def(m, "htpasswd", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    const std::string& user = a[0].as_string();
    if (user.find(':') != std::string::npos) return Value("invalid username: " + user);
    return Value(user + ":" + Bcrypt(a[1].as_string()));
  });
  Def(m, "randBytes", {kI}, [](Args a, const CallInfo&) -> Result<Value> {
    int64_t n = a[0].as_int();
    if (n < 0) return Fail("runtime error: makeslice: len out of range");
    std::string buf(n, '\0');
    RandomBytes(reinterpret_cast<uint8_t*>(buf.data()), buf.size());
    return Value(Base64Encode(buf));
  });
  Def(m, "uuidv4", {}, [](Args, const CallInfo&) -> Result<Value> {
    unsigned char b[16];
    RandomBytes(b, sizeof b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    std::string h = Hex(b, 16);
    return Value(h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
                 h.substr(20));
  });
  Def(m, "derivePassword", {kI, kS, kS, kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return Value(DerivePassword(static_cast<uint32_t>(a[0].as_int()), a[1].as_string(), a[2].as_string(),
                                a[3].as_string(), a[4].as_string()));
  });
  Def(m, "genPrivateKey", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    const std::string& t = a[0].as_string();
    PkeyPtr key = NoKey();
    if (t.empty() || t == "rsa") {
      key = GenRsa(4096);
    } else if (t == "dsa") {
      key = GenDsa();
    } else if (t == "ecdsa") {
      key = PkeyPtr(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    } else if (t == "ed25519") {
      key = PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free);
    } else {
      return Value("Unknown type " + t);
    }
    if (!key) return Value("failed to generate private key: key generation failed");
    return Value(KeyPem(key.get()));
  });
  Def(m, "buildCustomCert", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string err;
    auto cert = Base64Decode(a[0].as_string(), &err);
    if (!cert) return Fail("unable to decode base64 certificate");
    auto key = Base64Decode(a[1].as_string(), &err);
    if (!key) return Fail("unable to decode base64 private key");
    BioPtr bio(BIO_new_mem_buf(cert->data(), static_cast<int>(cert->size())), &BIO_free);
    X509Ptr x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!x) {
      if (cert->find("-----BEGIN ") == std::string::npos) return Fail("unable to decode certificate");
      return Fail("error parsing certificate: decodedCert.Bytes: x509: malformed certificate");
    }
    auto pk = ParsePrivateKeyPem(*key);
    if (!pk.ok()) return Fail("error parsing private key: " + pk.status().message());
    return CertValue(*cert, *key);
  });
  Def(m, "genCA", {kS, kI}, [](Args a, const CallInfo&) -> Result<Value> {
    HELM_ASSIGN_OR_RETURN(CertSpec spec, Spec(a, false));
    spec.is_ca = true;
    PkeyPtr key = GenRsa(2048);
    return MakeCert(spec, key.get(), nullptr, key.get());
  });
  Def(m, "genCAWithKey", {kS, kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    auto key = ParsePrivateKeyPem(a[2].as_string());
    if (!key.ok()) return Fail("parsing private key: " + key.status().message());
    HELM_ASSIGN_OR_RETURN(CertSpec spec, Spec(a, false));
    spec.is_ca = true;
    return MakeCert(spec, key->get(), nullptr, key->get());
  });
  Def(m, "genSelfSignedCert", {kS, kL, kL, kI}, [](Args a, const CallInfo&) -> Result<Value> {
    HELM_ASSIGN_OR_RETURN(CertSpec spec, Spec(a, true));
    PkeyPtr key = GenRsa(2048);
    return MakeCert(spec, key.get(), nullptr, key.get());
  });
  Def(m, "genSelfSignedCertWithKey", {kS, kL, kL, kI, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    auto key = ParsePrivateKeyPem(a[4].as_string());
    if (!key.ok()) return Fail("parsing private key: " + key.status().message());
    HELM_ASSIGN_OR_RETURN(CertSpec spec, Spec(a, true));
    return MakeCert(spec, key->get(), nullptr, key->get());
  });
  Def(m, "genSignedCert", {kS, kL, kL, kI, A::kAny}, [](Args a, const CallInfo&) -> Result<Value> {
    PkeyPtr key = GenRsa(2048);
    return SignedCert(a, key.get());
  });
  Def(m, "genSignedCertWithKey", {kS, kL, kL, kI, A::kAny, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    auto key = ParsePrivateKeyPem(a[5].as_string());
    if (!key.ok()) return Fail("parsing private key: " + key.status().message());
    return SignedCert(a, key->get());
  });
  Def(m, "encryptAES", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return EncryptAes(a[0].as_string(), a[1].as_string());
  });
  Def(m, "decryptAES", {kS, kS}, [](Args a, const CallInfo&) -> Result<Value> {
    return DecryptAes(a[0].as_string(), a[1].as_string());
  });
}

}  // namespace helm::funcs::internal
