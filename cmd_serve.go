package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"chainjudge/app"
	"chainjudge/app/demo"
	"chainjudge/app/store"
)

// cmdServe runs the web service until interrupted.
func cmdServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runServe(ctx, args, stdout, stderr)
}

// runServe runs the web service until ctx ends.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	var db dbFlags
	db.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址 host:port")
	loadDemo := fs.Bool("demo", false, "载入演示竞赛和演示账号")
	baseURL := fs.String("base-url", os.Getenv("CHAINJUDGE_BASE_URL"), "对外访问地址，例如 https://jszz.example.gov.cn")
	secure := fs.Bool("secure-cookies", os.Getenv("CHAINJUDGE_SECURE_COOKIES") == "1", "Cookie 一律带 Secure 标志（在 TLS 反向代理之后使用）")
	filesDir := fs.String("files-dir", os.Getenv("CHAINJUDGE_FILES_DIR"), "附件存放目录（留空则存入数据库；多实例部署时须为共享目录）")
	trustProxy := fs.Bool("trust-proxy", os.Getenv("CHAINJUDGE_TRUST_PROXY") == "1", "从 X-Forwarded-For 读取客户端地址（仅在反向代理之后使用）")
	bodyFont := bodyFontFlag(fs)
	uploadMB, err1 := envInt("CHAINJUDGE_MAX_UPLOAD_MB", 20)
	dossierMB, err2 := envInt("CHAINJUDGE_MAX_DOSSIER_MB", 200)
	if err := errors.Join(err1, err2); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	maxUpload := fs.Int("max-upload-mb", uploadMB, "单个附件的大小上限（MB，也可用环境变量 CHAINJUDGE_MAX_UPLOAD_MB）")
	maxDossier := fs.Int("max-dossier-mb", dossierMB, "一份申报全部附件的大小上限（MB，也可用环境变量 CHAINJUDGE_MAX_DOSSIER_MB）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *maxUpload < 1 || *maxDossier < *maxUpload {
		fmt.Fprintf(stderr, "附件大小上限有误：--max-upload-mb 须至少为 1，--max-dossier-mb 不能小于它（现为 %d 和 %d）\n", *maxUpload, *maxDossier)
		return 2
	}
	docFonts, err := loadBodyFont(*bodyFont)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := db.open(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer st.Close()

	var logins []demo.Login
	if *loadDemo {
		logins, err = demo.Load(ctx, st)
		if err != nil {
			fmt.Fprintf(stderr, "载入演示数据失败 (load demo): %v\n", err)
			return 1
		}
	}
	srv, err := app.New(app.Config{Addr: *addr, DataDir: db.dataDir, BaseURL: *baseURL, SecureCookies: *secure,
		TrustProxy: *trustProxy, FilesDir: *filesDir, Fonts: docFonts, Logger: logger,
		MaxUploadBytes: int64(*maxUpload) << 20, MaxDossierBytes: int64(*maxDossier) << 20}, st)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	ready := func(bound string) {
		fmt.Fprintf(stdout, "chainjudge 已启动：http://%s/  （数据库：%s）\n", bound, describeDB(st, db))
		if len(logins) > 0 {
			fmt.Fprintln(stdout, "演示账号（演示密码均为下列明文，仅用于演示）：")
			for _, l := range logins {
				fmt.Fprintf(stdout, "  用户名 %-10s 密码 %s  %s：%s\n", l.Username, l.Password, l.Role.Label(), l.Note)
			}
		} else if n, err := st.CountUsers(ctx, store.RoleOffice); err == nil && n == 0 {
			fmt.Fprintln(stdout, "尚无办公室账号。请先创建第一个办公室账号，例如：")
			fmt.Fprintln(stdout, "  chainjudge user add --role office --username admin --name 管理员"+db.args())
			fmt.Fprintln(stdout, "（或用 go run . serve --demo 载入演示数据）")
		}
		fmt.Fprintln(stdout, "按 Ctrl+C 停止。")
	}
	if err := srv.Run(ctx, ready); err != nil {
		fmt.Fprintf(stderr, "服务异常退出 (server stopped): %v\n", err)
		return 1
	}
	return 0
}

func describeDB(st *store.Store, db dbFlags) string {
	if st.Dialect() == store.Postgres {
		return "PostgreSQL"
	}
	return "SQLite " + db.DSN()
}
