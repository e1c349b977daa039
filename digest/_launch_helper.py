"""The helper process of `digest.launcher`: starts programs for the build (standard library only).

Run as `python -I _launch_helper.py BUILD_PID`. It reads one JSON message a line:
`{"run": N, "argv": [...], "env": {...}, "output": PATH}` starts a program (its input empty,
its output and errors to the file PATH) and answers `{"id": N, "pid": PID}` or
`{"id": N, "error": TEXT}`; `{"kill": N}` kills program N. When program N ends it says
`{"id": N, "exit": CODE}`. It dies with the build, and its programs die with it (Linux's
parent-death signal); once its input ends it kills what still runs and exits.
"""

import ctypes
import json
import os
import signal
import subprocess
import sys
import threading

PR_SET_PDEATHSIG = 1


def main() -> None:
    build = int(sys.argv[1])
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != build:  # the build died before the request was made
        os._exit(1)
    me = os.getpid()

    def setup() -> None:  # between fork and exec: system calls only
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != me:
            os._exit(1)

    lock = threading.Lock()
    running: dict[int, subprocess.Popen] = {}

    def say(message: dict) -> None:
        with lock:
            sys.stdout.write(json.dumps(message) + "\n")
            sys.stdout.flush()

    def watch(number: int, process: subprocess.Popen) -> None:
        code = process.wait()
        with lock:
            running.pop(number, None)
        say({"id": number, "exit": code})

    for line in sys.stdin:
        message = json.loads(line)
        if "kill" in message:
            with lock:
                process = running.get(message["kill"])
            if process is not None:
                process.kill()
            continue
        number = message["run"]
        try:
            with open(message["output"], "wb") as output:
                process = subprocess.Popen(
                    message["argv"],
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    env=message["env"],
                    preexec_fn=setup,
                )
        except OSError as err:
            say({"id": number, "error": f"{err.strerror or err}"})
            continue
        with lock:
            running[number] = process
        say({"id": number, "pid": process.pid})
        threading.Thread(target=watch, args=(number, process), daemon=True).start()
    with lock:
        left = list(running.values())
    for process in left:
        process.kill()
        process.wait()


if __name__ == "__main__":
    main()
