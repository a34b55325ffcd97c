#!/usr/bin/env python3
"""PHP-FPM under load: a real php-fpm master (as root, with the library declared by
ffi.preload and the package's classes by opcache.preload, the README's second set-up) and
two workers serve examples/php on the loopback interface over FastCGI. 10,000 requests mix
good refund cases, malformed JSON, refused quantities, invalid UTF-8, bodies over the input
limit, health checks and unknown routes. Every answer must have its expected status, every
good answer the same bytes, no worker may die or be replaced, and each worker's resident
memory after the run may exceed what it held after the first 1,000 requests by at most
2 MiB (flat, not growing with the requests).

Usage: fpm.py REPOSITORY LIBRARY   (LIBRARY: the path of librecourse.so.0)
"""

import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time

REQUESTS = 10_000
WARM_UP = 1_000
GROWTH_LIMIT_KB = 2 * 1024


def fcgi_record(kind, request_id, content):
    """One FastCGI record (version 1), padded to 8 bytes."""
    padding = (8 - len(content) % 8) % 8
    header = struct.pack(">BBHHBx", 1, kind, request_id, len(content), padding)
    return header + content + b"\0" * padding


def fcgi_params(params):
    out = b""
    for key, value in params.items():
        k, v = key.encode(), value.encode()
        for n in (len(k), len(v)):
            out += bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
        out += k + v
    return out


def fcgi_request(port, method, uri, body, script):
    """Sends one request to php-fpm; returns (status, body bytes)."""
    params = {
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": method,
        "REQUEST_URI": uri,
        "SCRIPT_FILENAME": script,
        "SCRIPT_NAME": "/index.php",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
    }
    message = fcgi_record(1, 1, struct.pack(">HB5x", 1, 0))  # BEGIN_REQUEST, responder
    message += fcgi_record(4, 1, fcgi_params(params)) + fcgi_record(4, 1, b"")
    for i in range(0, len(body), 65535):
        message += fcgi_record(5, 1, body[i : i + 65535])
    message += fcgi_record(5, 1, b"")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(message)
        data = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    stdout, stderr, at = b"", b"", 0
    while at + 8 <= len(data):
        _, kind, _, length, padding = struct.unpack(">BBHHBx", data[at : at + 8])
        content = data[at + 8 : at + 8 + length]
        if kind == 6:
            stdout += content
        elif kind == 7:
            stderr += content
        at += 8 + length + padding
    if stderr:
        raise AssertionError(f"{method} {uri}: php wrote to stderr: {stderr[:300]!r}")
    head, _, payload = stdout.partition(b"\r\n\r\n")
    match = re.search(rb"^Status: (\d{3})", head, re.M)
    return (int(match.group(1)) if match else 200), payload


def worker_pids(master):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True)
    return sorted(int(p) for p in out.stdout.split())


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def readme_case(repo):
    readme = open(os.path.join(repo, "README.md"), encoding="utf-8").read()
    section = readme[readme.index("## A refund decision, in every host") :]
    return re.search(r"```json\n(.*?)```", section, re.S).group(1).encode()


def mix(repo):
    good = readme_case(repo)
    refused = good.replace(b'"quantity": 1 }] }', b'"quantity": 7 }] }')
    assert refused != good
    return [
        ("POST", "/refund", good, 200, "refund.evaluate"),
        ("POST", "/refund", b'{"now": ', 422, "input.malformed_json"),
        ("POST", "/refund", refused, 422, None),
        ("POST", "/refund", b'{"now": "\xff\xfe"}', 422, "input.invalid_utf8"),
        ("POST", "/refund", b'{"pad": "' + b"x" * (5 * 1024 * 1024) + b'"}', 422, "input.too_large"),
        ("GET", "/health", b"", 200, None),
        ("POST", "/allocate", b'{"total": {"amount": "100.00", "currency": "BRL"}, "ratios": [1, 1, 1]}', 200, None),
        ("GET", "/nowhere", b"", 404, "http.not_found"),
    ]


def start_fpm(repo, library, work):
    header = os.path.join(work, "recourse-ffi.h")
    subprocess.run(
        ["php", "-d", "ffi.enable=1", "-r",
         "require $argv[1]; file_put_contents($argv[2], Recourse\\Library::preloadHeader($argv[3]));",
         os.path.join(repo, "bindings/php/autoload.php"), header, library],
        check=True,
    )
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    config = os.path.join(work, "fpm.conf")
    with open(config, "w") as f:
        f.write(
            f"[global]\nerror_log = {work}/fpm.log\ndaemonize = no\n"
            f"[recourse]\nuser = root\ngroup = root\nlisten = 127.0.0.1:{port}\n"
            "pm = static\npm.max_children = 2\npm.max_requests = 0\n"
            "catch_workers_output = yes\n"
        )
    fpm = next(p for p in ("/usr/sbin/php-fpm8.2", "/usr/sbin/php-fpm") if os.path.exists(p))
    master = subprocess.Popen(
        [fpm, "-R", "-F", "-n", "-y", config,
         "-d", "extension=ffi", "-d", "zend_extension=opcache", "-d", "ffi.enable=preload",
         "-d", f"ffi.preload={header}", "-d", "opcache.enable=1",
         "-d", f"opcache.preload={repo}/bindings/php/preload.php", "-d", "opcache.preload_user=root",
         "-d", "memory_limit=256M", "-d", "post_max_size=8M", "-d", "display_errors=stderr",
         "-d", "log_errors=0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return master, port
        except OSError:
            time.sleep(0.05)
    master.kill()
    raise SystemExit("php-fpm did not start: " + open(f"{work}/fpm.log").read())


def main():
    repo, library = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    script = os.path.join(repo, "examples/php/index.php")
    cases = mix(repo)
    with tempfile.TemporaryDirectory() as work:
        master, port = start_fpm(repo, library, work)
        try:
            workers = worker_pids(master.pid)
            assert len(workers) == 2, workers
            first_good, statuses, warm = None, {}, None
            for n in range(REQUESTS):
                method, uri, body, want, code = cases[n % len(cases)]
                status, payload = fcgi_request(port, method, uri, body, script)
                assert status == want, f"request {n}: {method} {uri} answered {status}: {payload[:300]!r}"
                if code is not None and status != 200:
                    assert json.loads(payload)["error"]["code"] == code, payload[:300]
                if uri == "/refund" and status == 200:
                    first_good = first_good or payload
                    assert payload == first_good, f"request {n}: another answer"
                    assert json.loads(payload)["total"]["amount"] == "291.25"
                statuses[status] = statuses.get(status, 0) + 1
                if n + 1 == WARM_UP:
                    warm = {pid: rss_kb(pid) for pid in workers}
            assert worker_pids(master.pid) == workers, "a worker died or was replaced"
            after = {pid: rss_kb(pid) for pid in workers}
            log = open(f"{work}/fpm.log").read()
            assert "exited on signal" not in log and "SIGSEGV" not in log, log[-2000:]
            for pid in workers:
                growth = after[pid] - warm[pid]
                assert growth <= GROWTH_LIMIT_KB, f"worker {pid} grew {growth} KB after the warm-up"
            print(
                f"php-fpm: {REQUESTS} requests, statuses {dict(sorted(statuses.items()))}, "
                f"2 workers alive throughout, resident memory after {WARM_UP} requests -> after "
                f"{REQUESTS}: " + ", ".join(f"{warm[p]} -> {after[p]} KB" for p in workers)
            )
        finally:
            master.terminate()
            master.wait(timeout=10)


if __name__ == "__main__":
    main()
