// Command loadtest puts chainjudge under the load of a province-wide
// review deadline and checks that nothing was lost:
//
//	go run ./app/loadtest [-db DSN] [-experts 200] [-duration 30s] [-rate 1000] …
//
// It seeds a competition in review through the store (the default rubric,
// dossiers entered in the first stage, a drawn panel with every expert on
// it), builds and starts the real server binary on a loopback port (or runs
// it in this process with -inproc), logs the experts in over HTTP, and has
// them autosave score sheets the way the sheet's script does: first paced
// at -rate saves per second in total (latency counted from each save's
// scheduled moment), then as fast as the answers come back, then signing
// every sheet with the password. Afterwards it verifies the database
// against every acknowledged answer, measures the raw write-transaction
// rate of the same database engine, and prints the figures as the rows of
// the table in docs/BENCHMARKS.md. It exits 1 when a save was lost or
// half-written, or any request failed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"chainjudge/app"
	"chainjudge/app/loadtest/loadkit"
	"chainjudge/app/store"
)

type options struct {
	db          string
	experts     int
	sheets      int
	changes     int
	duration    time.Duration
	rate        float64
	saturate    bool
	inproc      bool
	keep        bool
	probeConns  int
	probeFor    time.Duration
	loginConc   int
	dataDir     string
	skipSubmits bool
	cpuProfile  string
	memProfile  string
}

func main() {
	var o options
	flag.StringVar(&o.db, "db", "", "数据库：留空使用临时目录中的 SQLite；postgres://… 在该服务器上新建一个测试库，结束后删除")
	flag.IntVar(&o.experts, "experts", 200, "同时在线评分的专家人数")
	flag.IntVar(&o.sheets, "sheets", 2, "每位专家大约评审的申报数")
	flag.IntVar(&o.changes, "changes", 2, "每次自动保存改动的评分项数（两次自动保存之间专家通常只改一两处）；0 表示每次整表重填（最重的情形）")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "每个测量阶段的时长")
	flag.Float64Var(&o.rate, "rate", 1000, "限速阶段的总保存速率（次/秒）；0 跳过该阶段")
	flag.BoolVar(&o.saturate, "saturate", true, "再以不间断方式测量最大保存速率")
	flag.BoolVar(&o.inproc, "inproc", false, "在本进程内运行服务（默认编译并以子进程运行 chainjudge serve）")
	flag.BoolVar(&o.keep, "keep", false, "保留测试数据（SQLite 目录或 PostgreSQL 库）")
	flag.IntVar(&o.probeConns, "probe-conns", 16, "原始写事务测量的并发连接数（与服务的连接池相同）")
	flag.DurationVar(&o.probeFor, "probe", 5*time.Second, "原始写事务测量的时长")
	flag.IntVar(&o.loginConc, "login-conc", 8, "同时登录的专家数")
	flag.StringVar(&o.dataDir, "data", "", "SQLite 数据目录（默认新建临时目录）")
	flag.BoolVar(&o.skipSubmits, "no-submit", false, "不测签名提交阶段")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "把测量阶段的 CPU 剖析写入此文件（配合 -inproc 可看到服务端）")
	flag.StringVar(&o.memProfile, "memprofile", "", "结束时把内存分配剖析写入此文件（配合 -inproc）")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ok, err := run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// target is where the load goes: the database and the server.
type target struct {
	dsn      string
	postgres bool
	dataDir  string
	cleanup  []func()
}

func (t *target) close() {
	for i := len(t.cleanup) - 1; i >= 0; i-- {
		t.cleanup[i]()
	}
}

func prepare(ctx context.Context, o options) (*target, error) {
	t := &target{dataDir: o.dataDir}
	if t.dataDir == "" {
		dir, err := os.MkdirTemp("", "chainjudge-load-")
		if err != nil {
			return nil, err
		}
		t.dataDir = dir
		if !o.keep {
			t.cleanup = append(t.cleanup, func() { os.RemoveAll(dir) })
		}
	}
	if store.IsPostgresDSN(o.db) {
		dsn, drop, err := loadkit.CreatePostgresDB(ctx, o.db, "cj_load_")
		if err != nil {
			t.close()
			return nil, err
		}
		t.dsn, t.postgres = dsn, true
		if !o.keep {
			t.cleanup = append(t.cleanup, drop)
		}
		return t, nil
	}
	if o.db != "" {
		return nil, errors.New("-db takes a postgres:// URL; SQLite goes into -data")
	}
	t.dsn = filepath.Join(t.dataDir, "chainjudge.db")
	return t, nil
}

// server runs chainjudge on the target: a child process or in-process.
type server struct {
	base    string
	child   *loadkit.Server
	stop    func()
	peakRSS func() (int64, error)
	// cpu is the processor time the server has used (in-process: the whole
	// process, load generator included).
	cpu func() (time.Duration, error)
}

func startServer(ctx context.Context, o options, t *target, st *store.Store) (*server, error) {
	if o.inproc {
		srv, err := app.New(app.Config{Addr: "127.0.0.1:0", DataDir: t.dataDir,
			Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}, st)
		if err != nil {
			return nil, err
		}
		runCtx, cancel := context.WithCancel(ctx)
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() { done <- srv.Run(runCtx, func(addr string) { ready <- addr }) }()
		select {
		case addr := <-ready:
			return &server{base: "http://" + addr, stop: func() { cancel(); <-done },
				peakRSS: func() (int64, error) { return loadkit.PeakRSS(0) },
				cpu:     func() (time.Duration, error) { return loadkit.CPUTime(0) }}, nil
		case err := <-done:
			cancel()
			return nil, err
		}
	}
	binDir, err := os.MkdirTemp("", "chainjudge-bin-")
	if err != nil {
		return nil, err
	}
	t.cleanup = append(t.cleanup, func() { os.RemoveAll(binDir) })
	bin, err := loadkit.Build(ctx, binDir)
	if err != nil {
		return nil, err
	}
	args := []string{"--data", t.dataDir}
	if t.postgres {
		args = append(args, "--db", t.dsn)
	}
	child, err := loadkit.StartServer(ctx, bin, args...)
	if err != nil {
		return nil, err
	}
	return &server{base: child.Base, child: child, stop: child.Stop, peakRSS: child.PeakRSS, cpu: child.CPU}, nil
}

func run(ctx context.Context, o options, out io.Writer) (bool, error) {
	t, err := prepare(ctx, o)
	if err != nil {
		return false, err
	}
	defer t.close()
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	engine := "SQLite " + t.dsn
	if t.postgres {
		engine = "PostgreSQL " + redact(t.dsn)
	}
	changes := fmt.Sprintf("%d answers changed per save", o.changes)
	if o.changes <= 0 {
		changes = "whole sheet rewritten every save"
	}
	say("== chainjudge load test: %d experts, %s, %s, GOMAXPROCS %d", o.experts, changes, engine, runtime.GOMAXPROCS(0))
	st, err := store.Open(ctx, store.Options{DSN: t.dsn, LogSQL: os.Getenv("LOGSQL") != ""})
	if err != nil {
		return false, err
	}
	defer st.Close()
	began := time.Now()
	fix, err := loadkit.Seed(ctx, st, loadkit.SeedOptions{Experts: o.experts, SheetsPerExpert: o.sheets})
	if err != nil {
		return false, err
	}
	say("seeded in %.1fs: %d experts, %d sheets to fill in", time.Since(began).Seconds(), len(fix.Experts), fix.Sheets())

	srv, err := startServer(ctx, o, t, st)
	if err != nil {
		return false, err
	}
	stopped := false
	defer func() {
		if !stopped {
			srv.stop()
		}
	}()
	mode := "child process"
	if o.inproc {
		mode = "in-process"
	}
	say("server (%s) at %s", mode, srv.base)

	ledger := loadkit.NewLedger()
	runners := loadkit.NewRunners(srv.base, fix, ledger, loadkit.NewTransport(o.experts), 2026)
	for _, r := range runners {
		r.Changes = o.changes
	}
	logins := loadkit.LoginAll(ctx, runners, o.loginConc)
	say("logins:    %s", logins.Summary())
	if logins.Summary().Errors > 0 {
		return false, fmt.Errorf("logins failed: %s", logins.Summary().ErrorKinds)
	}
	// One save each before measuring: sheets exist, connections are open.
	for _, r := range runners {
		if err := r.Save(ctx); err != nil {
			return false, fmt.Errorf("warm-up save of %s: %w", r.Expert.Username, err)
		}
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return false, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return false, err
		}
		defer pprof.StopCPUProfile()
	}
	good := true
	var paced, sat, submits loadkit.Summary
	// cpu reports the processor time per save during a phase: the
	// server's and, with the server in a process of its own, the load
	// generator's (both share the machine's cores).
	type cpuMark struct{ server, self time.Duration }
	mark := func() cpuMark {
		m := cpuMark{}
		m.server, _ = srv.cpu()
		m.self, _ = loadkit.CPUTime(0)
		return m
	}
	cpuPer := func(before cpuMark, n int) string {
		after := mark()
		if n == 0 {
			return "?"
		}
		per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
		if o.inproc {
			return fmt.Sprintf("CPU %.2f ms per save, server and load generator", per(after.server-before.server))
		}
		return fmt.Sprintf("server CPU %.2f ms, load generator %.2f ms per save", per(after.server-before.server),
			per(after.self-before.self))
	}
	if o.rate > 0 {
		before := mark()
		paced = loadkit.Paced(ctx, runners, o.rate, o.duration).Summary()
		say("paced:     %s  (offered %.0f/s; %s)", paced, o.rate, cpuPer(before, paced.OK))
		good = good && paced.Errors == 0
	}
	if o.saturate {
		before := mark()
		sat = loadkit.Paced(ctx, runners, 0, o.duration).Summary()
		say("saturated: %s  (%s)", sat, cpuPer(before, sat.OK))
		good = good && sat.Errors == 0
	}
	if !o.skipSubmits {
		submits = loadkit.SubmitAll(ctx, runners).Summary()
		say("signing:   %s", submits)
		good = good && submits.Errors == 0
	}
	pprof.StopCPUProfile()
	if o.memProfile != "" {
		f, err := os.Create(o.memProfile)
		if err != nil {
			return false, err
		}
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		f.Close()
		if err != nil {
			return false, err
		}
	}
	rss, err := srv.peakRSS()
	if err != nil {
		return false, err
	}
	say("peak RSS (VmHWM) of the server%s: %.1f MB", map[bool]string{true: " and the load generator", false: ""}[o.inproc],
		float64(rss)/(1<<20))
	srv.stop()
	stopped = true

	saves, signs := ledger.Counts()
	check, err := loadkit.Verify(ctx, st, fix, ledger, true)
	if err != nil {
		return false, err
	}
	say("verified:  %d acknowledged saves (%d signatures) against %d sheets, %d versions, %d audit entries in the hash chain: %s",
		saves, signs, check.Sheets, check.Versions, check.AuditRows, verdict(check))
	for _, p := range check.Problems {
		say("  PROBLEM: %s", p)
	}
	good = good && check.OK()

	probe, err := loadkit.Probe(ctx, t.dsn, t.postgres, o.probeConns, o.probeFor)
	if err != nil {
		return false, err
	}
	say("raw write: %d single-row transactions in %.1fs = %.0f/s with %d connections (%s)",
		probe.Commits, probe.Elapsed.Seconds(), probe.PerSecond, o.probeConns, probe.Settings)
	best := max(paced.PerSecond, sat.PerSecond)
	if probe.PerSecond > 0 {
		say("ratio:     score saves/s ÷ raw transactions/s = %.2f", best/probe.PerSecond)
	}
	say("")
	say("| engine | experts | paced saves/s (offered) | p50 / p95 / p99 | saturated saves/s | p99 | sign p99 | errors | peak RSS | raw tx/s | ratio |")
	say("| %s | %d | %.0f (%.0f) | %s / %s / %s | %.0f | %s | %s | %d | %.0f MB | %.0f | %.2f |",
		map[bool]string{true: "PostgreSQL", false: "SQLite"}[t.postgres], o.experts, paced.PerSecond, o.rate,
		msf(paced.P50), msf(paced.P95), msf(paced.P99), sat.PerSecond, msf(sat.P99), msf(submits.P99),
		paced.Errors+sat.Errors+submits.Errors, float64(rss)/(1<<20), probe.PerSecond, best/probe.PerSecond)
	return good, nil
}

func verdict(c *loadkit.Check) string {
	if c.OK() {
		return "all present, none half-written, chain intact"
	}
	return fmt.Sprintf("%d PROBLEMS", len(c.Problems))
}

func msf(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// redact hides a password in a DSN for printing.
func redact(dsn string) string {
	if at := strings.LastIndex(dsn, "@"); at > 0 {
		if i := strings.Index(dsn, "://"); i > 0 && i < at {
			user := dsn[i+3 : at]
			if u, _, ok := strings.Cut(user, ":"); ok {
				return dsn[:i+3] + u + ":***" + dsn[at:]
			}
		}
	}
	return dsn
}
