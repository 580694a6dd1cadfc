// HTTP(S) getter (Helm's pkg/getter/httpgetter.go) over libcurl.
//
// TLS is verified by default (system CA store, or ca_file); client certificates (cert_file + key_file),
// basic auth, redirects and proxies from the environment (http_proxy, https_proxy, no_proxy, as libcurl
// reads them) are supported. Basic-auth credentials go to the URL's own host only; after a redirect to
// another host they are dropped unless pass_credentials_all is set (Helm's passCredentialsAll).
// Thread-safe: every call uses its own curl handle.
#pragma once

#include <cstdint>
#include <string>

#include "helm/base/result.h"

namespace helm::getter {

struct GetterOptions {
  std::string username, password, ca_file, cert_file, key_file;
  bool insecure_skip_tls_verify = false, pass_credentials_all = false;
  std::string user_agent = "Helm/4.2.4";
  int timeout_seconds = 120;  // whole transfer; 0 means no limit
  std::string accept_header;  // sent as Accept when not empty
  // Responses larger than this fail with kIo ("response body exceeds the limit of N bytes").
  int64_t max_response_bytes = 512LL * 1024 * 1024;
};

// GET `url` and return the body. Any status but 200 fails with Helm's text
// "failed to fetch <url> : <status line>" (e.g. "failed to fetch http://h/x : 404 Not Found"), code
// kNotFound for 404 and kIo otherwise; transport failures (connection, TLS, timeout) carry libcurl's
// message with code kIo (kTimeout for timeouts).
Result<std::string> HttpGet(const std::string& url, const GetterOptions& opts = {});

}  // namespace helm::getter
