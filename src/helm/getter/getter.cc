#include "helm/getter/getter.h"

#include <curl/curl.h>

#include <cerrno>
#include <cstring>

#include <memory>
#include <mutex>
#include <string_view>

namespace helm::getter {
namespace {

// Go's http.StatusText for the codes a repository server plausibly sends without a reason phrase
// (HTTP/2 has none; Go then prints "<code> <StatusText>").
const char* StatusText(long code) {
  switch (code) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

struct Transfer {
  std::string body;
  std::string status_line;  // "404 Not Found" of the last response
  int64_t limit = 0;
  bool over_limit = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->limit > 0 && static_cast<int64_t>(t->body.size() + len) > t->limit) {
    t->over_limit = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    // A new response (redirects and 100-continue produce several): keep only the last status line.
    size_t sp = line.find(' ');
    std::string_view rest = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
    while (!rest.empty() && (rest.back() == '\r' || rest.back() == '\n' || rest.back() == ' ')) {
      rest.remove_suffix(1);
    }
    t->status_line.assign(rest);
    t->body.clear();
  }
  return size * n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Result<std::string> HttpGet(const std::string& url, const GetterOptions& opts) {
  GlobalInit();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error(Code::kInternal, "unable to initialize libcurl");
  CURL* h = curl.get();
  Transfer t;
  t.limit = opts.max_response_bytes;
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);  // Go's client stops after 10 redirects
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(h, CURLOPT_USERAGENT, opts.user_agent.c_str());
  // Go's transport asks for gzip and decodes it transparently; so do we.
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  if (opts.timeout_seconds > 0) curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(opts.timeout_seconds));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);

  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(nullptr, curl_slist_free_all);
  if (!opts.accept_header.empty()) {
    headers.reset(curl_slist_append(nullptr, ("Accept: " + opts.accept_header).c_str()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  }
  // Helm sets basic auth only when both parts are present.
  if (!opts.username.empty() && !opts.password.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERNAME, opts.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, opts.password.c_str());
    curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, opts.pass_credentials_all ? 1L : 0L);
  }
  if (opts.insecure_skip_tls_verify) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!opts.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, opts.ca_file.c_str());
  if (!opts.cert_file.empty() && !opts.key_file.empty()) {
    curl_easy_setopt(h, CURLOPT_SSLCERT, opts.cert_file.c_str());
    curl_easy_setopt(h, CURLOPT_SSLKEY, opts.key_file.c_str());
  }

  CURLcode rc = curl_easy_perform(h);
  if (t.over_limit) {
    return Error(Code::kIo, "failed to fetch " + url + " : response body exceeds the limit of " +
                                std::to_string(opts.max_response_bytes) + " bytes");
  }
  if (rc != CURLE_OK) {
    std::string msg = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    long os_errno = 0;
    if (rc == CURLE_COULDNT_CONNECT && curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK &&
        os_errno == ECONNREFUSED) {
      // Go's net error text for the same failure, which Helm prints. Go names the resolved address, which
      // we know only when the URL's host is an IP literal.
      std::unique_ptr<CURLU, void (*)(CURLU*)> u(curl_url(), curl_url_cleanup);
      char* host = nullptr;
      char* port = nullptr;
      if (u && curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
          curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK &&
          curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
        std::string_view hv(host);
        bool ip_literal = !hv.empty() && (hv.front() == '[' ||
                                          hv.find_first_not_of("0123456789.") == std::string_view::npos);
        if (ip_literal) msg = "dial tcp " + std::string(hv) + ":" + port + ": connect: connection refused";
      }
      curl_free(host);
      curl_free(port);
    }
    Code code = rc == CURLE_OPERATION_TIMEDOUT ? Code::kTimeout : Code::kIo;
    return Error(code, "Get \"" + url + "\": " + msg);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    std::string line = t.status_line;
    if (line.find(' ') == std::string::npos) {
      line = std::to_string(status);
      if (const char* text = StatusText(status); *text) line += std::string(" ") + text;
    }
    return Error(status == 404 ? Code::kNotFound : Code::kIo, "failed to fetch " + url + " : " + line);
  }
  return std::move(t.body);
}

}  // namespace helm::getter
