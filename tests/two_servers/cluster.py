"""Two kansrijk app servers behind one nginx, as production runs them, started from scratch.

`Cluster.start()` makes a fresh PostgreSQL database, migrates it and loads the demo (collecting
the static files meanwhile), flushes one Redis database for the shared cache, and starts two
gunicorn servers (two workers each) with the very same environment, DEBUG off. nginx in front
terminates TLS with a throwaway self-signed certificate, sets X-Forwarded-Proto, hands the
requests to the two servers in turn (round robin) and tells in `X-Upstream` which one answered.
Everything lives in one temporary directory; `stop()` ends every process it started, and `logs()`
gives what they wrote.

Nothing here imports Django: the servers and commands are separate processes, exactly as on a
real machine, and the tests look at the database with plain SQL (`Cluster.query`).
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests
from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DATABASE = "kansrijk_two_servers"
# The PostgreSQL server (not the database): trust authentication, as on the CI machines.
POSTGRES = os.environ.get("TWO_SERVERS_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# A Redis database of its own, flushed before the start (CACHE_URL; ignored until it is read).
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = int(os.environ.get("TWO_SERVERS_REDIS_DB", "11"))
HOST = "127.0.0.1"
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()),
        None,
    )
    if found is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    return found


def fresh_database() -> str:
    """Drop and create the test's own database; never any other."""
    assert DATABASE != "test"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return f"{POSTGRES}/{DATABASE}"


def drop_database() -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def flush_redis() -> None:
    """Empty our Redis database with two inline commands (no client library needed)."""
    with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=5) as connection:
        connection.sendall(f"SELECT {REDIS_DB}\r\nFLUSHDB\r\n".encode())
        answer = b""
        while answer.count(b"\r\n") < 2:
            answer += connection.recv(1024)
    if answer != b"+OK\r\n+OK\r\n":
        raise RuntimeError(f"Redis did not flush database {REDIS_DB}: {answer!r}")


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}"]
    command += ["-addext", f"subjectAltName=IP:{HOST},DNS:localhost"]
    subprocess.run(command, check=True, capture_output=True)
    return cert, key


NGINX_CONF = """
{user}
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log info;
events {{ worker_connections 256; }}
http {{
    access_log {root}/nginx-access.log;
    client_body_temp_path {root}/nginx-body;
    proxy_temp_path {root}/nginx-proxy;
    fastcgi_temp_path {root}/nginx-fastcgi;
    uwsgi_temp_path {root}/nginx-uwsgi;
    scgi_temp_path {root}/nginx-scgi;
    upstream kansrijk {{
        server {host}:{first};
        server {host}:{second};
    }}
    server {{
        listen {host}:{port} ssl;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        location / {{
            proxy_pass http://kansrijk;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # Each answer from the server that got the request: no quiet retry on the other.
            proxy_next_upstream off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Cluster:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kansrijk-two-servers-"))
        self.mail_dir = self.root / "mail"
        self.app_ports = (free_port(), free_port())
        self.proxy_port = free_port()
        self.url = f"https://{HOST}:{self.proxy_port}"
        self.certificate = self.root / "cert.pem"
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.env: dict[str, str] = {}
        self.start_seconds: dict[str, float] = {}

    def app_url(self, server: int) -> str:
        return f"http://{HOST}:{self.app_ports[server]}"

    def upstream(self, server: int) -> str:
        """How X-Upstream names this server."""
        return f"{HOST}:{self.app_ports[server]}"

    # ---- starting ----

    def start(self) -> None:
        self.mail_dir.mkdir()
        with self._timed("database"):
            self.env = self._environment(fresh_database())
            flush_redis()
        # Collecting the static files needs no database: it runs beside the migrations and demo.
        with ThreadPoolExecutor(max_workers=1) as beside:
            static = beside.submit(self._timed_run, "collectstatic", "--no-input")
            self._timed_run("migrate", "--no-input")
            self._timed_run("demo")
            static.result()
        with self._timed("servers"):
            for server in (0, 1):
                self._start_gunicorn(server)
            for server in (0, 1):
                self._wait_for(f"{self.app_url(server)}/healthz", f"gunicorn-{server}")
            self._start_nginx()
            self._wait_for(f"{self.url}/healthz", "nginx")

    @contextmanager
    def _timed(self, step: str) -> Iterator[None]:
        """Note how long a step of the start took (shown at the end of the run)."""
        started = time.monotonic()
        yield
        self.start_seconds[step] = round(time.monotonic() - started, 1)

    def _environment(self, database_url: str) -> dict[str, str]:
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
        }
        env.update(
            DEBUG="0",
            PYTHONPATH=str(REPO / "src"),
            SECRET_KEY=secrets.token_urlsafe(50),
            FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
            DATABASE_URL=database_url,
            CACHE_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
            ALLOWED_HOSTS=f"{HOST},localhost",
            TRUST_X_FORWARDED_PROTO="true",
            SITE_URL=self.url,
            STATIC_ROOT=str(self.root / "static"),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
        )
        return env

    def _timed_run(self, *arguments: str) -> None:
        with self._timed(arguments[0]):
            self.run(*arguments)

    def run(self, *arguments: str) -> subprocess.CompletedProcess:
        """A `kansrijk` command with the servers' environment; fails with its output."""
        result = subprocess.run(
            [str(BIN / "kansrijk"), *arguments],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"kansrijk {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def _spawn(self, name: str, command: Sequence[str]) -> None:
        log = (self.root / f"{name}.log").open("w")
        process = subprocess.Popen(
            command,
            env=self.env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))

    def _start_gunicorn(self, server: int) -> None:
        command = [str(BIN / "gunicorn"), "-c", "python:kansrijk.gunicorn_conf", "kansrijk.wsgi"]
        command += ["--bind", f"{HOST}:{self.app_ports[server]}", "--workers", "2"]
        command += ["--access-logfile", "-"]
        # Each its own control socket: by default both would take ~/.gunicorn/gunicorn.ctl.
        command += ["--control-socket", str(self.root / f"gunicorn-{server}.ctl")]
        self._spawn(f"gunicorn-{server}", command)

    def _start_nginx(self) -> None:
        cert, key = self_signed_certificate(self.root)
        config = self.root / "nginx.conf"
        config.write_text(
            NGINX_CONF.format(
                # Run as root (a CI container), nginx's workers would be "nobody", who cannot
                # write the temporary directories here.
                user="user root;" if os.geteuid() == 0 else "",
                root=self.root,
                host=HOST,
                first=self.app_ports[0],
                second=self.app_ports[1],
                port=self.proxy_port,
                cert=cert,
                key=key,
            )
        )
        command = [nginx_binary(), "-c", str(config), "-p", str(self.root)]
        command += ["-e", str(self.root / "nginx-error.log"), "-g", "daemon off;"]
        self._spawn("nginx", command)

    def _wait_for(self, url: str, name: str) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                if requests.get(url, verify=self.certificate, timeout=2).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or still busy starting its workers
            time.sleep(0.2)
        raise RuntimeError(f"{name} did not answer {url} within {STARTUP_SECONDS} s")

    def _check_alive(self) -> None:
        for name, process in self.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{name} stopped with exit code {process.returncode}")

    # ---- looking ----

    def query(self, sql: str, *parameters) -> list[tuple]:
        with psycopg.connect(self.env["DATABASE_URL"]) as connection:
            return connection.execute(sql, parameters).fetchall()

    def logs(self) -> str:
        parts = []
        for path in sorted(self.root.glob("*.log")):
            parts.append(f"==== {path.name} ====\n{path.read_text(errors='replace')[-20_000:]}")
        return "\n".join(parts)

    # ---- stopping ----

    def stop(self) -> None:
        """End every process this cluster started (their whole process groups)."""
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        drop_database()
