// Sprig's path, URL, network, encoding and flow-control functions.
#include <netdb.h>
#include <cstring>
#include <algorithm>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "helm/base/strings.h"
#include "helm/funcs/internal.h"

namespace helm::funcs::internal {
namespace {


std::string BasePath(std::string_view p) {
  if (p.empty()) return ".";
  while (p.size() > 0 && p.back() == '/') p.remove_suffix(1);
  size_t i = p.rfind('/');
  if (i != std::string_view::npos) p = p.substr(i + 1);
  if (p.empty()) return "/";
  return std::string(p);
}

std::string DirPath(std::string_view p) {
  size_t i = p.rfind('/');
  std::string_view dir = i == std::string_view::npos ? std::string_view() : p.substr(0, i + 1);
  return CleanPath(dir);
}

std::string ExtPath(std::string_view p) {
  for (size_t i = p.size(); i > 0; --i) {
    if (p[i - 1] == '/') break;
    if (p[i - 1] == '.') return std::string(p.substr(i - 1));
  }
  return "";
}

// ---- net/url (the parts urlParse/urlJoin use) ----

int Unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Unescape(std::string_view s, std::string* out, std::string* bad) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out->push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size() || Unhex(s[i + 1]) < 0 || Unhex(s[i + 2]) < 0) {
      *bad = std::string(s.substr(i, 3));
      return false;
    }
    out->push_back(static_cast<char>(Unhex(s[i + 1]) * 16 + Unhex(s[i + 2])));
    i += 2;
  }
  return true;
}

bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

std::string Escape(std::string_view s, std::string_view allowed) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (Unreserved(static_cast<char>(c)) || allowed.find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

struct Url {
  std::string scheme, opaque, user, host, path, raw_query, fragment;
  bool has_user = false;
};

Result<Url> ParseUrl(const std::string& raw) {
  Url u;
  std::string_view rest = raw;
  auto perr = [&](const std::string& msg) -> Status { return Fail("parse " + GoQuote(raw) + ": " + msg); };
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    std::string bad;
    if (!Unescape(rest.substr(hash + 1), &u.fragment, &bad)) return perr("invalid URL escape " + GoQuote(bad));
    rest = rest.substr(0, hash);
  }
  // Scheme.
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
      if (i == 0) break;
      continue;
    }
    if (c == ':') {
      if (i == 0) return perr("missing protocol scheme");
      u.scheme = std::string(rest.substr(0, i));
      for (char& ch : u.scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      rest = rest.substr(i + 1);
    }
    break;
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    u.raw_query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  if (!rest.starts_with("/")) {
    if (!u.scheme.empty()) {
      u.opaque = std::string(rest);
      return u;
    }
  }
  if ((!u.scheme.empty() || !rest.starts_with("///")) && rest.starts_with("//")) {
    std::string_view authority = rest.substr(2);
    size_t slash = authority.find('/');
    std::string_view after;
    if (slash != std::string_view::npos) {
      after = authority.substr(slash);
      authority = authority.substr(0, slash);
    }
    size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      u.has_user = true;
      u.user = std::string(authority.substr(0, at));
      authority = authority.substr(at + 1);
    }
    if (authority.starts_with("[") && authority.rfind(']') == std::string_view::npos) {
      return perr("missing ']' in host");
    }
    u.host = std::string(authority);
    rest = after;
  }
  std::string bad;
  if (!Unescape(rest, &u.path, &bad)) return perr("invalid URL escape " + GoQuote(bad));
  return u;
}

std::string Hostname(const std::string& host) {
  std::string_view h = host;
  if (h.starts_with("[")) {
    size_t e = h.find(']');
    if (e != std::string_view::npos) return std::string(h.substr(1, e - 1));
    return std::string(h.substr(1));
  }
  size_t c = h.rfind(':');
  if (c != std::string_view::npos) h = h.substr(0, c);
  return std::string(h);
}

std::string UserinfoString(const std::string& raw) {
  // Re-escape user and password as Go's Userinfo.String does.
  std::string_view s = raw;
  size_t colon = s.find(':');
  std::string user, pass, bad;
  bool has_pass = colon != std::string_view::npos;
  Unescape(s.substr(0, colon), &user, &bad);
  if (has_pass) Unescape(s.substr(colon + 1), &pass, &bad);
  std::string out = Escape(user, "$&+,;=");
  if (has_pass) out += ":" + Escape(pass, "$&+,;=");
  return out;
}

// ---- base32 ----

constexpr char kB32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string Base32Encode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); i += 5) {
    uint8_t b[5] = {0, 0, 0, 0, 0};
    size_t n = std::min<size_t>(5, in.size() - i);
    for (size_t k = 0; k < n; ++k) b[k] = static_cast<uint8_t>(in[i + k]);
    uint64_t v = 0;
    for (int k = 0; k < 5; ++k) v = (v << 8) | b[k];
    static const int kChars[] = {0, 2, 4, 5, 7, 8};
    int nc = kChars[n];
    for (int k = 0; k < 8; ++k) {
      out.push_back(k < nc ? kB32[(v >> (35 - 5 * k)) & 31] : '=');
    }
  }
  return out;
}

std::optional<std::string> Base32Decode(std::string_view in, std::string* err) {
  // Go's decoder ignores \r and \n; padding is required.
  std::string s;
  std::vector<size_t> pos;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\r' || in[i] == '\n') continue;
    s.push_back(in[i]);
    pos.push_back(i);
  }
  std::string out;
  auto corrupt = [&](size_t at) -> std::optional<std::string> {
    *err = "illegal base32 data at input byte " + std::to_string(at);
    return std::nullopt;
  };
  if (s.size() % 8 != 0) {
    // Go reports the offset where the incomplete quantum starts.
    size_t q = (s.size() / 8) * 8;
    return corrupt(q < pos.size() ? pos[q] : in.size());
  }
  for (size_t i = 0; i < s.size(); i += 8) {
    uint64_t v = 0;
    int n = 0;
    bool pad = false;
    for (int k = 0; k < 8; ++k) {
      char c = s[i + k];
      if (c == '=') {
        if (k < 2 || i + 8 != s.size()) return corrupt(pos[i + k]);
        for (int r = k; r < 8; ++r) {
          if (s[i + r] != '=') return corrupt(pos[i + r]);
        }
        pad = true;
        v <<= 5 * (8 - k);
        break;
      }
      const char* p = strchr(kB32, c);
      if (p == nullptr || c == '\0') return corrupt(pos[i + k]);
      v = (v << 5) | static_cast<uint64_t>(p - kB32);
      ++n;
    }
    static const int kBytes[] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
    int nb = pad ? kBytes[n] : 5;
    if (pad && (n == 1 || n == 3 || n == 6)) return corrupt(pos[i + n]);
    for (int k = 0; k < nb; ++k) out.push_back(static_cast<char>((v >> (32 - 8 * k)) & 0xff));
  }
  return out;
}

}  // namespace

void RegisterMisc(FuncMap& m) {
  using A = ArgType;
  const auto kS = A::kString;
  auto path_fn = [&](const char* name, const char* osname, auto fn) {
    FuncImpl impl = [fn](Args a, const CallInfo&) -> Result<Value> { return Value(fn(a[0].as_string())); };
    Def(m, name, {kS}, impl);
    Def(m, osname, {kS}, impl);
  };
  path_fn("base", "osBase", BasePath);
  path_fn("dir", "osDir", DirPath);
  path_fn("clean", "osClean", CleanPath);
  path_fn("ext", "osExt", ExtPath);
  FuncImpl is_abs = [](Args a, const CallInfo&) -> Result<Value> {
    return Value(a[0].as_string().starts_with("/"));
  };
  Def(m, "isAbs", {kS}, is_abs);
  Def(m, "osIsAbs", {kS}, is_abs);

  Def(m, "b64enc", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Base64Encode(a[0].as_string())); });
  Def(m, "b64dec", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string err;
    auto r = Base64Decode(a[0].as_string(), &err);
    return Value(r ? *r : err);
  });
  Def(m, "b32enc", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Value(Base32Encode(a[0].as_string())); });
  Def(m, "b32dec", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    std::string err;
    auto r = Base32Decode(a[0].as_string(), &err);
    return Value(r ? *r : err);
  });

  Def(m, "fail", {kS}, [](Args a, const CallInfo&) -> Result<Value> { return Fail(a[0].as_string()); });
  Def(m, "hello", {}, [](Args, const CallInfo&) -> Result<Value> { return Value("Hello!"); });

  Def(m, "getHostByName", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    std::vector<std::string> addrs;
    if (getaddrinfo(a[0].as_string().c_str(), nullptr, &hints, &res) == 0) {
      for (addrinfo* p = res; p; p = p->ai_next) {
        char buf[INET6_ADDRSTRLEN];
        void* src = p->ai_family == AF_INET ? static_cast<void*>(&reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr)
                                            : static_cast<void*>(&reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr);
        if (inet_ntop(p->ai_family, src, buf, sizeof buf)) {
          std::string s = buf;
          if (std::find(addrs.begin(), addrs.end(), s) == addrs.end()) addrs.push_back(s);
        }
      }
      freeaddrinfo(res);
    }
    if (addrs.empty()) return Fail("invalid argument to Intn");
    return Value(addrs[RandomBelow(addrs.size())]);
  });

  Def(m, "urlParse", {kS}, [](Args a, const CallInfo&) -> Result<Value> {
    auto u = ParseUrl(a[0].as_string());
    if (!u.ok()) return Fail("unable to parse url: " + u.status().message());
    ValueMap d;
    d["scheme"] = Value(u->scheme);
    d["host"] = Value(u->host);
    d["hostname"] = Value(Hostname(u->host));
    d["path"] = Value(u->path);
    d["query"] = Value(u->raw_query);
    d["opaque"] = Value(u->opaque);
    d["fragment"] = Value(u->fragment);
    d["userinfo"] = Value(u->has_user ? UserinfoString(u->user) : std::string());
    return Value(std::move(d));
  });
  Def(m, "urlJoin", {A::kMap}, [](Args a, const CallInfo&) -> Result<Value> {
    auto get = [&](const char* key) -> Result<std::string> {
      const Value* v = a[0].Find(key);
      if (v == nullptr) return std::string();
      if (!v->is_string()) {
        if (v->is_null()) return Fail(std::string(kNilDeref));
        return Fail(std::string("unable to parse ") + key + " key, must be of type string, but " + KindName(*v) +
                    " found");
      }
      return v->as_string();
    };
    HELM_ASSIGN_OR_RETURN(std::string scheme, get("scheme"));
    HELM_ASSIGN_OR_RETURN(std::string host, get("host"));
    HELM_ASSIGN_OR_RETURN(std::string path, get("path"));
    HELM_ASSIGN_OR_RETURN(std::string query, get("query"));
    HELM_ASSIGN_OR_RETURN(std::string opaque, get("opaque"));
    HELM_ASSIGN_OR_RETURN(std::string fragment, get("fragment"));
    HELM_ASSIGN_OR_RETURN(std::string userinfo, get("userinfo"));
    std::string out;
    if (!scheme.empty()) out += scheme + ":";
    if (!opaque.empty()) {
      out += opaque;
    } else {
      bool has_user = !userinfo.empty();
      if (!scheme.empty() || !host.empty() || has_user) {
        if (!host.empty() || !path.empty() || has_user) out += "//";
        if (has_user) out += UserinfoString(userinfo) + "@";
        out += host;
      }
      std::string p = Escape(path, "$&+,/:;=@");
      if (!p.empty() && p[0] != '/' && !host.empty()) out.push_back('/');
      if (out.empty()) {
        std::string_view seg = p;
        size_t sl = seg.find('/');
        if (seg.substr(0, sl).find(':') != std::string_view::npos) out += "./";
      }
      out += p;
    }
    if (!query.empty()) out += "?" + query;
    if (!fragment.empty()) out += "#" + Escape(fragment, "$&+,/:;=?@!()*");
    return Value(std::move(out));
  });
}

}  // namespace helm::funcs::internal
