"""Runs a command as a child process, then prints its peak RSS as one JSON line.

  /usr/bin/python3 peak_rss.py /usr/bin/python3 bench_torch.py --config small

The child's stdout/stderr pass through unchanged; the last line added is
{"child_peak_rss_kib": N, "returncode": rc}, N = ru_maxrss of RUSAGE_CHILDREN (KiB on Linux): the peak of the
largest waited-for child, i.e. of the benchmark process itself. Used by `videoseq bench --torch`.
"""
import json
import resource
import subprocess
import sys

if __name__ == '__main__':
    rc = subprocess.call(sys.argv[1:])
    sys.stdout.flush()
    print(json.dumps({'child_peak_rss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                      'returncode': rc}))
    sys.exit(rc)
