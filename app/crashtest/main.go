// Command crashtest checks that chainjudge acknowledges a score only once it
// is durable, however the server dies:
//
//	go run ./app/crashtest [-kills 20] [-experts 24] [-db postgres://…]
//
// It seeds a competition in review (app/loadtest/loadkit), builds the real
// server binary and then, -kills times: starts it on the same database,
// has every expert autosave — and now and then sign — their score sheets
// concurrently, and kills the server with SIGKILL at a random moment while
// requests are in flight. After each restart the experts reload their
// sheets, as a person does. At the end it checks the database against
// every answer the server gave: every acknowledged save and signature is
// there, every version of every sheet is a whole sheet some expert sent
// (nothing half-written), each save has its audit entry and the audit hash
// chain is intact; on SQLite also PRAGMA integrity_check. Exit 1 when
// anything is wrong.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"time"

	"chainjudge/app/loadtest/loadkit"
	"chainjudge/app/store"
)

type options struct {
	db       string
	kills    int
	experts  int
	sheets   int
	minRun   time.Duration
	maxRun   time.Duration
	seed     uint64
	keep     bool
	signOdds int
}

func main() {
	var o options
	flag.StringVar(&o.db, "db", "", "数据库：留空使用临时目录中的 SQLite；postgres://… 在该服务器上新建一个测试库，结束后删除")
	flag.IntVar(&o.kills, "kills", 20, "强行终止（SIGKILL）服务的次数")
	flag.IntVar(&o.experts, "experts", 24, "同时评分的专家人数")
	flag.IntVar(&o.sheets, "sheets", 3, "每位专家大约评审的申报数")
	flag.DurationVar(&o.minRun, "min-run", 200*time.Millisecond, "每轮运行的最短时间（之后随机时刻终止）")
	flag.DurationVar(&o.maxRun, "max-run", 1500*time.Millisecond, "每轮运行的最长时间")
	flag.Uint64Var(&o.seed, "seed", uint64(time.Now().UnixNano()), "随机种子（终止时刻与评分内容），便于复现")
	flag.BoolVar(&o.keep, "keep", false, "保留测试数据")
	flag.IntVar(&o.signOdds, "sign-every", 40, "平均每多少次请求签名提交一份评分表；0 表示只保存")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ok, err := run(ctx, o, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, out io.Writer) (bool, error) {
	if o.kills < 1 || o.experts < 1 || o.maxRun < o.minRun {
		return false, errors.New("-kills and -experts must be positive and -max-run at least -min-run")
	}
	say := func(format string, args ...any) { fmt.Fprintf(out, format+"\n", args...) }
	dataDir, err := os.MkdirTemp("", "chainjudge-crash-")
	if err != nil {
		return false, err
	}
	if !o.keep {
		defer os.RemoveAll(dataDir)
	}
	dsn, engine := filepath.Join(dataDir, "chainjudge.db"), "SQLite"
	args := []string{"--data", dataDir}
	if store.IsPostgresDSN(o.db) {
		var drop func()
		if dsn, drop, err = loadkit.CreatePostgresDB(ctx, o.db, "cj_crash_"); err != nil {
			return false, err
		}
		if !o.keep {
			defer drop()
		}
		engine = "PostgreSQL"
		args = append(args, "--db", dsn)
	} else if o.db != "" {
		return false, errors.New("-db takes a postgres:// URL; SQLite is the default")
	}
	say("== chainjudge crash test: %d kills, %d experts, %s, seed %d", o.kills, o.experts, engine, o.seed)

	st, err := store.Open(ctx, store.Options{DSN: dsn})
	if err != nil {
		return false, err
	}
	defer st.Close()
	fix, err := loadkit.Seed(ctx, st, loadkit.SeedOptions{Experts: o.experts, SheetsPerExpert: o.sheets})
	if err != nil {
		return false, err
	}
	binDir, err := os.MkdirTemp("", "chainjudge-bin-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(binDir)
	bin, err := loadkit.Build(ctx, binDir)
	if err != nil {
		return false, err
	}
	// The same address every time, so the experts' browsers (their
	// cookies, their connections) find the restarted server.
	addr, err := freeAddr()
	if err != nil {
		return false, err
	}
	args = append(args, "--addr", addr)

	rng := rand.New(rand.NewPCG(o.seed, 1))
	ledger := loadkit.NewLedger()
	runners := loadkit.NewRunners("http://"+addr, fix, ledger, loadkit.NewTransport(o.experts), o.seed)
	var saved, failed int
	for round := 1; round <= o.kills; round++ {
		srv, err := loadkit.StartServer(ctx, bin, args...)
		if err != nil {
			return false, fmt.Errorf("round %d: %w", round, err)
		}
		if err := healthy(ctx, srv.Base); err != nil {
			srv.Kill()
			return false, fmt.Errorf("round %d: after restart: %w\n%s", round, err, srv.Log())
		}
		if round == 1 {
			if s := loadkit.LoginAll(ctx, runners, 8).Summary(); s.Errors > 0 {
				srv.Kill()
				return false, fmt.Errorf("logins failed: %s", s.ErrorKinds)
			}
		}
		// Back from the crash, every expert reloads their sheets.
		for _, r := range runners {
			if err := r.Resync(ctx); err != nil {
				srv.Kill()
				return false, fmt.Errorf("round %d: reload the sheets of %s: %w\n%s", round, r.Expert.Username, err, srv.Log())
			}
		}
		stop := make(chan struct{})
		done := make(chan loadkit.Summary, 1)
		go func() { done <- loadkit.Drive(ctx, runners, stop, o.signOdds).Summary() }()
		after := o.minRun + time.Duration(rng.Int64N(int64(o.maxRun-o.minRun)+1))
		time.Sleep(after)
		srv.Kill()
		close(stop)
		s := <-done
		saved += s.OK
		failed += s.Errors
		say("round %2d: killed after %4d ms; %5d requests answered, %3d cut off or refused (%s)",
			round, after.Milliseconds(), s.OK, s.Errors, orNone(s.ErrorKinds))
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
	}

	if failed == 0 {
		return false, errors.New("no request was in flight at any kill: the test proved nothing; lengthen -min-run")
	}
	saves, signs := ledger.Counts()
	check, err := loadkit.Verify(ctx, st, fix, ledger, false)
	if err != nil {
		return false, err
	}
	say("requests:  %d answered, %d cut off by the kills or refused after them", saved, failed)
	say("verified:  %d acknowledged saves and %d signatures against %d sheets (%d versions, %d committed whose answer was cut off), %d audit entries in the hash chain",
		saves, signs, check.Sheets, check.Versions, check.ExtraSaves, check.AuditRows)
	if !store.IsPostgresDSN(dsn) {
		if err := integrity(dsn); err != nil {
			check.Problems = append(check.Problems, err.Error())
		}
	}
	for _, p := range check.Problems {
		say("  PROBLEM: %s", p)
	}
	if check.OK() {
		say("OK: every acknowledged save survived %d kills; nothing half-written", o.kills)
	}
	return check.OK(), nil
}

// healthy waits for /healthz to answer 200.
func healthy(ctx context.Context, base string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("/healthz: status %d", res.StatusCode)
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// integrity runs SQLite's own check of the database file.
func integrity(path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("SQLite integrity_check: %s", res)
	}
	return nil
}

// freeAddr finds a loopback port nobody listens on.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
