#!/usr/bin/env python3
"""Test HTTP server: prints its port, then serves until stdin closes.

/hello            -> 200 "hello world"
/private/*        -> 401 unless basic auth user:pass
/redirect         -> 302 to /hello
/big              -> 200 with 1 MiB of 'x'
anything else     -> 404 Not Found
"""
import base64, http.server, sys, threading

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send_body(self, code, body, ctype="text/plain"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/hello":
            return self.send_body(200, b"hello world")
        if self.path == "/agent":
            return self.send_body(200, self.headers.get("User-Agent", "").encode())
        if self.path == "/big":
            return self.send_body(200, b"x" * (1 << 20))
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/private/secret")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/private/"):
            want = "Basic " + base64.b64encode(b"user:pass").decode()
            if self.headers.get("Authorization") != want:
                return self.send_body(401, b"unauthorized")
            return self.send_body(200, b"secret")
        return self.send_body(404, b"404 page not found\n")

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
threading.Thread(target=srv.serve_forever, daemon=True).start()
sys.stdin.read()
srv.shutdown()
