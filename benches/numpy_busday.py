"""numpy busday_offset on the same calendar and the same start dates as tthc's native batch (benches/calendar_numpy.rs).

    python3 benches/numpy_busday.py --days-off FILE --n 10000000 --amount 10 [--check FILE]

FILE: the weekdays off (one YYYY-MM-DD per line) exported by tthc's calendar, so both sides use the same days.
numpy's busdaycalendar knows only a weekmask and holidays: a Saturday or Sunday worked in exchange (a swapped day)
cannot be expressed; such days are reported, not silently ignored.
"""
import argparse, json, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--days-off", required=True)
p.add_argument("--worked-weekend", default=None)
p.add_argument("--n", type=int, default=10_000_000)
p.add_argument("--amount", type=int, default=10)
p.add_argument("--reps", type=int, default=5)
p.add_argument("--check", default=None, help="file with tthc's first results (day numbers), one per line")
a = p.parse_args()

off = [l.strip() for l in open(a.days_off) if l.strip()]
worked = [l.strip() for l in open(a.worked_weekend) if l.strip()] if a.worked_weekend else []
cal = np.busdaycalendar(weekmask="1111100", holidays=np.array(off, dtype="datetime64[D]"))
base = np.datetime64("2025-01-01", "D").astype(np.int64)
i = np.arange(a.n, dtype=np.int64)
starts = (base + (i * 7919) % 730).astype("datetime64[D]")
np.busday_offset(starts[:1000], a.amount, roll="backward", busdaycal=cal)  # warm-up
times = []
for _ in range(a.reps):
    t0 = time.perf_counter()
    out = np.busday_offset(starts, a.amount, roll="backward", busdaycal=cal)
    times.append(time.perf_counter() - t0)
times.sort()
med = times[len(times) // 2]
res = {"peer": "numpy.busday_offset", "numpy": np.__version__, "n": a.n, "amount": a.amount, "medianSeconds": med,
       "perSec": a.n / med, "daysOff": len(off), "workedWeekendDaysNotExpressible": worked}
if a.check:
    want = np.array([int(l) for l in open(a.check) if l.strip()], dtype=np.int64)
    got = out[: len(want)].astype(np.int64)
    res["checked"] = int(len(want))
    res["mismatches"] = int((got != want).sum())
print(json.dumps(res))
