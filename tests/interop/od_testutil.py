"""Helpers shared by the Python tests: servers started as subprocesses on 127.0.0.1 and always
stopped, CSV files read independently of the program under test, and the reference rule.
"""
import atexit
import os
import re
import signal
import socket
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

K = 2.0
BOUNDARY_REL = 1e-9
LISTEN_RE = re.compile(r"listening on 127\.0\.0\.1:(\d+)")
TIME_NAMES = ("timestamp", "time", "date", "datetime", "ts")
NAME_NAMES = ("name", "metric", "series")
MISSING = ("", "nan", "null", "na")

_live = []


def free_port():
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A server started as a subprocess that prints "listening on 127.0.0.1:PORT" once ready.

    Its output goes to files (no pipe can fill up and block it). stop() terminates it, then kills
    it if it has not ended within a few seconds; it is also called at interpreter exit.
    """

    def __init__(self, cmd, ready_timeout=20.0, env=None):
        self.cmd = list(cmd)
        self._dir = tempfile.TemporaryDirectory(prefix="od-server-")
        self.out_path = os.path.join(self._dir.name, "stdout")
        self.err_path = os.path.join(self._dir.name, "stderr")
        self._out = open(self.out_path, "wb")
        self._err = open(self.err_path, "wb")
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=self._out,
                                     stderr=self._err, start_new_session=True, env=env)
        _live.append(self)
        self.port = None
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            m = LISTEN_RE.search(self.stdout())
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if self.port is None:
            rc = self.proc.poll()
            self.stop()
            raise RuntimeError("%s did not print 'listening on 127.0.0.1:PORT' within %.0f s "
                               "(exit code %s)\nstdout: %s\nstderr: %s"
                               % (" ".join(self.cmd), ready_timeout, rc, self.stdout(), self.stderr()))
        self.target = "127.0.0.1:%d" % self.port

    @staticmethod
    def _read(path):
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stdout(self):
        return self._read(self.out_path) if self._dir is not None else self._stdout_text

    def stderr(self):
        return self._read(self.err_path) if self._dir is not None else self._stderr_text

    def stop(self, grace=5.0):
        """Stops the process (SIGTERM, then SIGKILL); returns its exit code."""
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        for f in (self._out, self._err):
            if not f.closed:
                f.close()
        if self._dir is not None:
            self._stdout_text, self._stderr_text = self._read(self.out_path), self._read(self.err_path)
            self._dir.cleanup()
            self._dir = None
        if self in _live:
            _live.remove(self)
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


@atexit.register
def _stop_all():
    for p in list(_live):
        try:
            p.stop(grace=2.0)
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


def run(cmd, timeout=60.0, input_text=None):
    """Runs a command to completion (killed after timeout); returns CompletedProcess (text)."""
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          input=input_text, stdin=None if input_text is not None else subprocess.DEVNULL)


# ---------------------------------------------------------------------------------------------
# CSV files, read independently of the program under test (pandas), and the reference rule.

def _iso_utc(texts):
    ts = pd.to_datetime(pd.Series(texts), utc=True)
    return [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in ts]


def _value(text):
    t = text.strip()
    if t.lower() in MISSING:
        return float("nan")
    return float(t)


def read_series(path):
    """{name: {"times": [ISO UTC], "values": np.array (NaN = missing)}} in file order.

    Handles what the tests use: a header with a time column, then either a name column and a
    value column (long form) or numeric columns (wide form); comma-separated.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    cols = list(df.columns)
    lower = [c.strip().lower() for c in cols]
    tcol = next(cols[i] for i, c in enumerate(lower) if c in TIME_NAMES)
    ncol = next((cols[i] for i, c in enumerate(lower) if c in NAME_NAMES), None)
    out = {}
    if ncol is not None:
        vcol = next(c for c in cols if c not in (tcol, ncol))
        for name in pd.unique(df[ncol]):
            part = df[df[ncol] == name]
            out[name] = {"times": _iso_utc(part[tcol].tolist()),
                         "values": np.array([_value(v) for v in part[vcol]], dtype=float)}
    else:
        times = _iso_utc(df[tcol].tolist())
        for c in cols:
            if c == tcol:
                continue
            out[c] = {"times": times, "values": np.array([_value(v) for v in df[c]], dtype=float)}
    return out


def reference_detection(values, k=K):
    """The reference rule over the non-missing values, positions mapped back into the series.

    Returns (indices, scores {index: |v - mean| / std}, boundary indices that a different but
    correct summation order may put on either side of the threshold).
    """
    values = np.asarray(values, dtype=float)
    pos = np.nonzero(~np.isnan(values))[0]
    v = values[pos]
    if v.size == 0:
        return [], {}, set()
    mean, std = v.mean(), v.std()
    dev = np.abs(v - mean)
    limit = k * std
    flagged = [int(pos[i]) for i in np.nonzero(dev > limit)[0]]
    boundary = {int(pos[i]) for i in np.nonzero(np.abs(dev - limit) <= BOUNDARY_REL * max(limit, 1e-300))[0]}
    scores = {int(pos[i]): float(dev[i] / std) for i in range(v.size) if std > 0}
    return flagged, scores, boundary


def rel_close(a, b, rel=1e-9):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)
