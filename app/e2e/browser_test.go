// Package e2e_test drives chainjudge through its real pages in headless
// Chromium: the server runs in this process on a temporary SQLite file with
// a clock the test sets, and the browser talks to it over HTTP like any
// user's browser.
//
// The journey runs whenever a browser is found, and takes about a minute:
//
//	go test ./app/e2e/
//
// The browser is the one CHAINJUDGE_CHROMIUM names (a path or a name on
// PATH), else /usr/bin/chromium (Debian's chromium package), else chromium,
// chromium-browser or google-chrome on PATH. With none of them the journey
// skips with a message; a browser CHAINJUDGE_CHROMIUM names that is not
// there fails it instead (CI names the one it installs, so a missing
// browser cannot pass as a skip). go test -short skips it too.
//
// Screenshots of the key pages at desktop and tablet sizes are kept when
// the test fails, in $ARTIFACTS/e2e when ARTIFACTS is set, otherwise in a
// temporary directory; the log names it. With CHAINJUDGE_GUIDE_IMG=DIR (an
// absolute path: tests run in their package's directory) the journey also
// writes the user guides' screenshots there: run it with
// CHAINJUDGE_GUIDE_IMG=$PWD/templates/static/guide from the repository's
// root to renew the one copy that docs/guide-*.md and the help page show.
package e2e_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Screen sizes the key pages are photographed at.
var (
	desktop = size{1280, 900}
	tablet  = size{1024, 768}
)

type size struct{ w, h int64 }

// browserCandidates are the browsers looked for when CHAINJUDGE_CHROMIUM
// names none, in order: Debian's package first, then names on PATH.
var browserCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChromium returns the browser to drive: see lookupBrowser.
func findChromium() (string, error) {
	return lookupBrowser(os.Getenv("CHAINJUDGE_CHROMIUM"), browserCandidates)
}

// lookupBrowser returns the named browser (a path, or a name on PATH), an
// error when it is named but not there, or else the first candidate
// installed, "" when none is.
func lookupBrowser(named string, candidates []string) (string, error) {
	if named != "" {
		p, err := exec.LookPath(named)
		if err != nil {
			return "", fmt.Errorf("CHAINJUDGE_CHROMIUM=%s: %w", named, err)
		}
		return p, nil
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", nil
}

// browserSession is one headless Chromium with the pages' problems it saw.
type browserSession struct {
	t         *testing.T
	base      string // the server's URL
	ctx       context.Context
	artifacts string // where screenshots go
	guideDir  string // where the guides' screenshots go ("" = none)
	downloads string

	mu       sync.Mutex
	problems []string // JavaScript errors, console errors, failed static files
	dialogs  []string // confirmations accepted
	tabs     []*tab
}

// startBrowser launches Chromium with a fresh profile. Network access other
// than the test server is neither needed nor available: the flags stop
// Chromium from trying (without them it can hang on connection attempts).
func startBrowser(t *testing.T, exe, base string) *browserSession {
	t.Helper()
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		// The users' browsers are Chinese (Accept-Language, navigator.language).
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
		chromedp.WindowSize(int(desktop.w), int(desktop.h)),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	b := &browserSession{t: t, base: base, ctx: ctx, downloads: t.TempDir()}
	// Registered first, so it runs last: after the failure screenshots.
	t.Cleanup(func() {
		for _, tb := range b.tabs {
			tb.cancel()
		}
		cancelCtx()
		cancelAlloc()
	})
	// Start the browser without a deadline (a deadline on the first run
	// would end the browser with it); each step below has its own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium %s: %v", exe, err)
	}
	b.artifacts = artifactDir(t)
	if dir := os.Getenv("CHAINJUDGE_GUIDE_IMG"); dir != "" {
		b.guideDir = dir
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(b.report)
	return b
}

// artifactDir is where screenshots go while the test runs: a temporary
// directory, removed when the test passes. When it fails the screenshots
// stay, moved to $ARTIFACTS/e2e when ARTIFACTS is set; the log says where.
func artifactDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "chainjudge-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if !t.Failed() {
			os.RemoveAll(dir)
			return
		}
		if root := os.Getenv("ARTIFACTS"); root != "" {
			dest := filepath.Join(root, "e2e")
			if err := os.MkdirAll(root, 0o755); err == nil {
				os.RemoveAll(dest)
				if err := os.Rename(dir, dest); err == nil {
					dir = dest
				}
			}
		}
		t.Logf("screenshots of the failed journey: %s", dir)
	})
	return dir
}

// report photographs every tab when the test failed, so the artefacts show
// where each user was.
func (b *browserSession) report() {
	if !b.t.Failed() {
		return
	}
	for _, tb := range b.tabs {
		tb.shotQuiet("failure-" + tb.name)
	}
}

// problem records something a page must not do.
func (b *browserSession) problem(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// tab is one user's browser: its own cookies (a separate browser context)
// and its own tab.
type tab struct {
	b      *browserSession
	name   string
	ctx    context.Context
	cancel context.CancelFunc
	url    string
	noJS   bool
}

// newTab opens a tab in a fresh browser context (no shared cookies), watches
// it for script errors and accepts its confirmation dialogs. noJS turns
// scripts off, as some users' browsers do.
func (b *browserSession) newTab(name string, noJS bool) *tab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	tb := &tab{b: b, name: name, ctx: ctx, cancel: cancel, noJS: noJS}
	b.tabs = append(b.tabs, tb)
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("open tab %s: %v", name, err)
	}
	dialogs := make(chan string, 8)
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.problem("%s: JavaScript exception on %s: %s", name, tb.url, exceptionText(ev.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				b.problem("%s: console.%s on %s: %s", name, ev.Type, tb.url, consoleArgs(ev.Args))
			}
		case *cdplog.EventEntryAdded:
			e := ev.Entry
			if e.Level != cdplog.EntryLevelError {
				return
			}
			// A page answering 404 or 422 is the server's business; a
			// missing script or stylesheet, a blocked inline script (CSP)
			// or a script error is the page's.
			if e.Source == cdplog.EntrySourceNetwork && !strings.Contains(e.URL, "/static/") {
				return
			}
			b.problem("%s: %s error on %s: %s %s", name, e.Source, tb.url, e.Text, e.URL)
		case *page.EventJavascriptDialogOpening:
			select {
			case dialogs <- ev.Message:
			default:
			}
		}
	})
	if err != nil {
		b.t.Fatalf("listen to tab %s: %v", name, err)
	}
	// Confirmations are accepted from another goroutine: the dialog blocks
	// the page, and with it the click that opened it.
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case msg := <-dialogs:
				b.mu.Lock()
				b.dialogs = append(b.dialogs, name+": "+msg)
				b.mu.Unlock()
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			}
		}
	}()
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "zh-CN"}); err != nil {
		b.t.Fatalf("locale of %s: %v", name, err)
	}
	if noJS {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			b.t.Fatalf("turn scripts off in %s: %v", name, err)
		}
	}
	c := chromedp.FromContext(ctx)
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: c.BrowserContextID,
		DownloadPath: b.downloads, EventsEnabled: new(true)})
	if err != nil {
		b.t.Fatalf("downloads in %s: %v", name, err)
	}
	tb.viewport(desktop)
	return tb
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return ""
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d)", text, d.URL, d.LineNumber)
}

func consoleArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

// step runs actions with a deadline and fails the test with what was tried.
func (tb *tab) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.shotQuiet("failed-" + tb.name)
		tb.b.t.Fatalf("%s: %s: %v (page %s)", tb.name, what, err, tb.location())
	}
}

// run runs one action that returns a value, with a deadline.
func run[T any](tb *tab, what string, action chromedp.Action[T]) T {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		tb.b.t.Fatalf("%s: %s: %v (page %s)", tb.name, what, err, tb.location())
	}
	return v
}

func (tb *tab) location() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 3*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return tb.url
	}
	return loc
}

// viewport sets the tab's screen size.
func (tb *tab) viewport(s size) {
	tb.step(fmt.Sprintf("viewport %dx%d", s.w, s.h), chromedp.EmulateViewport(s.w, s.h))
}

// open loads a page and checks it.
func (tb *tab) open(path string) {
	tb.b.t.Helper()
	tb.step("open "+path, chromedp.Navigate(tb.b.base+path))
	tb.arrived()
}

// click clicks the element and waits for the page it leads to.
func (tb *tab) click(sel string) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
	if err != nil {
		tb.shotQuiet("failed-" + tb.name)
		tb.b.t.Fatalf("%s: click %s: %v (page %s)", tb.name, sel, err, tb.location())
	}
	tb.arrived()
}

// clickText clicks the first element of kind sel whose text contains text.
func (tb *tab) clickText(sel, text string) {
	tb.b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = Array.from(document.querySelectorAll(%q)).find(e => e.textContent.includes(%q));
		if (!el) { return ""; } el.setAttribute("data-e2e-target", "1"); return "ok"; })()`, sel, text)
	if run(tb, "find "+text, chromedp.EvaluateAsDevTools[string](js)) != "ok" {
		tb.b.t.Fatalf("%s: no %s with text %q on %s", tb.name, sel, text, tb.location())
	}
	tb.click(`[data-e2e-target="1"]`)
}

// arrived records the page and checks it: it is not an error page, and
// every form control has a label.
func (tb *tab) arrived() {
	tb.b.t.Helper()
	tb.url = tb.location()
	tb.checkLabels()
}

// labelCheck lists form controls a screen reader could not name: no
// <label>, no aria-label or aria-labelledby, no title.
const labelCheck = `Array.from(document.querySelectorAll("input, select, textarea")).filter(el => {
	if (el.type === "hidden" || el.type === "submit" || el.type === "button") { return false; }
	if (el.labels && el.labels.length > 0) { return false; }
	if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.title) { return false; }
	return true;
}).map(el => el.outerHTML.slice(0, 160))`

// checkLabels fails the test for form controls without an accessible name.
func (tb *tab) checkLabels() {
	tb.b.t.Helper()
	missing := run(tb, "check labels", chromedp.EvaluateAsDevTools[[]string](labelCheck))
	for _, m := range missing {
		tb.b.t.Errorf("%s: a form control without a label on %s: %s", tb.name, tb.url, m)
	}
}

// text is the visible text of the page.
func (tb *tab) text() string {
	return run(tb, "read page", chromedp.EvaluateAsDevTools[string](`document.body.innerText`))
}

// must fails the test unless the page shows every text.
func (tb *tab) must(texts ...string) {
	tb.b.t.Helper()
	body := tb.text()
	for _, want := range texts {
		if !strings.Contains(body, want) {
			tb.shotQuiet("failed-" + tb.name)
			tb.b.t.Fatalf("%s: %s does not show %q:\n%s", tb.name, tb.url, want, trim(body))
		}
	}
}

// mustNot fails the test when the page shows any of the texts.
func (tb *tab) mustNot(texts ...string) {
	tb.b.t.Helper()
	body := tb.text()
	for _, bad := range texts {
		if strings.Contains(body, bad) {
			tb.b.t.Fatalf("%s: %s shows %q:\n%s", tb.name, tb.url, bad, trim(body))
		}
	}
}

func trim(s string) string {
	if r := []rune(s); len(r) > 1500 {
		return string(r[:1500]) + "…"
	}
	return s
}

// fill types value into the field (cleared first), as a user would.
func (tb *tab) fill(sel, value string) {
	tb.b.t.Helper()
	tb.set(sel, "")
	tb.step("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), value))
}

// enter types value into the field and presses Enter, and waits for the
// page the form leads to.
func (tb *tab) enter(sel, value string) {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.SendKeys(chromedp.CSS(sel), value+"\n")))
	if err != nil {
		tb.shotQuiet("failed-" + tb.name)
		tb.b.t.Fatalf("%s: type %s and Enter: %v (page %s)", tb.name, sel, err, tb.location())
	}
	tb.arrived()
}

// set sets a field's value directly (date and time inputs, long texts) and
// fires the events typing would.
func (tb *tab) set(sel, value string) {
	tb.b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) { return false; } el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, sel, value)
	if !run(tb, "set "+sel, chromedp.EvaluateAsDevTools[bool](js)) {
		tb.b.t.Fatalf("%s: no %s on %s", tb.name, sel, tb.url)
	}
}

// check ticks a checkbox or picks a radio button by clicking it.
func (tb *tab) check(sel string) {
	tb.b.t.Helper()
	tb.step("check "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// selectOption picks the option of a select whose text contains text.
func (tb *tab) selectOption(sel, text string) {
	tb.b.t.Helper()
	js := fmt.Sprintf(`(() => { const s = document.querySelector(%q); if (!s) { return ""; }
		const o = Array.from(s.options).find(o => o.text.includes(%q)); if (!o) { return ""; }
		s.value = o.value; return o.value; })()`, sel, text)
	if run(tb, "select "+text, chromedp.EvaluateAsDevTools[string](js)) == "" {
		tb.b.t.Fatalf("%s: %s has no option %q on %s", tb.name, sel, text, tb.url)
	}
}

// upload puts a file into a file input.
func (tb *tab) upload(sel, path string) {
	tb.b.t.Helper()
	tb.step("upload "+filepath.Base(path), chromedp.SetUploadFiles(chromedp.CSS(sel), []string{path}))
}

// attr reads an attribute of the first match.
func (tb *tab) attr(sel, name string) string {
	tb.b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); return el ? (el.getAttribute(%q) || "") : ""; })()`, sel, name)
	return run(tb, "read "+sel, chromedp.EvaluateAsDevTools[string](js))
}

// count is the number of elements matching sel.
func (tb *tab) count(sel string) int {
	return run(tb, "count "+sel, chromedp.EvaluateAsDevTools[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
}

// overflowCheck measures how far the page is wider than the screen: on a
// tablet nothing but a table's own scroller may scroll sideways.
const overflowCheck = `document.documentElement.scrollWidth - document.documentElement.clientWidth`

// topbarRows counts the rows the top bar's brand, navigation links and
// account links take (items whose vertical centres line up share a row).
const topbarRows = `new Set(Array.from(document.querySelectorAll(".topbar .brand, .topbar nav a, .topbar .who"))
	.map(el => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); })).size`

// rows is the number of rows the page's top bar takes at the tab's size.
func (tb *tab) rows() int {
	return run(tb, "measure the top bar", chromedp.EvaluateAsDevTools[int](topbarRows))
}

// shot saves the page at desktop and tablet size under the artefacts, and
// fails the test when the page scrolls sideways on the tablet.
func (tb *tab) shot(name string) {
	tb.b.t.Helper()
	for _, s := range []struct {
		size
		suffix string
	}{{desktop, "desktop"}, {tablet, "tablet"}} {
		tb.viewport(s.size)
		if over := run(tb, "measure width", chromedp.EvaluateAsDevTools[int](overflowCheck)); over > 0 {
			tb.b.t.Errorf("%s: %s is %dpx wider than a %dpx screen", tb.name, tb.url, over, s.w)
		}
		data := run(tb, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(tb.b.artifacts, name+"-"+s.suffix+".png"), data, 0o644); err != nil {
			tb.b.t.Fatal(err)
		}
	}
	tb.viewport(desktop)
}

// shotQuiet saves the page as it is, without failing (used on failure).
func (tb *tab) shotQuiet(name string) {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	if data, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.WriteFile(filepath.Join(tb.b.artifacts, name+".png"), data, 0o644)
	}
}

// guideShot saves the page for a user guide: the top of the page (clip
// px tall, 0 for the whole page) at desktop width.
func (tb *tab) guideShot(name string, clip int64) {
	tb.b.t.Helper()
	if tb.b.guideDir == "" {
		return
	}
	var data []byte
	if clip == 0 {
		data = run(tb, "guide screenshot", chromedp.FullScreenshot(100))
	} else {
		data = run(tb, "guide screenshot", chromedp.Action[[]byte](func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
			res, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng,
				Clip: &page.Viewport{X: 0, Y: 0, Width: float64(desktop.w), Height: float64(clip), Scale: 1}, CaptureBeyondViewport: new(true)})
			return res.Data, err
		}))
	}
	if err := os.WriteFile(filepath.Join(tb.b.guideDir, name+".png"), data, 0o644); err != nil {
		tb.b.t.Fatal(err)
	}
}

// guideShotOf saves one element of the page for a user guide.
func (tb *tab) guideShotOf(name, sel string) {
	tb.b.t.Helper()
	if tb.b.guideDir == "" {
		return
	}
	data := run(tb, "guide screenshot of "+sel, chromedp.Screenshot(chromedp.CSS(sel)))
	if err := os.WriteFile(filepath.Join(tb.b.guideDir, name+".png"), data, 0o644); err != nil {
		tb.b.t.Fatal(err)
	}
}

// download clicks a link that downloads a file and returns the file's bytes.
func (tb *tab) download(sel string) []byte {
	tb.b.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	events := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	begun := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	tb.step("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	var name string
	for ev, err := range begun {
		if err != nil {
			tb.b.t.Fatalf("%s: no download began after clicking %s: %v", tb.name, sel, err)
		}
		name = ev.SuggestedFilename
		break
	}
	for ev, err := range events {
		if err != nil {
			tb.b.t.Fatalf("%s: download of %s did not finish: %v", tb.name, name, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(tb.b.downloads, name))
			if err != nil {
				tb.b.t.Fatalf("%s: read download: %v", tb.name, err)
			}
			return data
		case browser.DownloadProgressStateCanceled:
			tb.b.t.Fatalf("%s: download of %s canceled", tb.name, name)
		}
	}
	return nil
}

// tour opens each page at tablet size and checks it as every page is
// checked (labels, script errors), that it does not scroll sideways and
// that its top bar takes at most two rows.
func (tb *tab) tour(paths ...string) {
	tb.b.t.Helper()
	tb.viewport(tablet)
	defer tb.viewport(desktop)
	for _, p := range paths {
		tb.open(p)
		if strings.Contains(tb.url, "/login") && !strings.HasPrefix(p, "/login") {
			tb.b.t.Errorf("%s: %s sent the user to the login page", tb.name, p)
		}
		if over := run(tb, "measure width", chromedp.EvaluateAsDevTools[int](overflowCheck)); over > 0 {
			tb.b.t.Errorf("%s: %s is %dpx wider than a %dpx tablet screen", tb.name, p, over, tablet.w)
		}
		if n := tb.rows(); n > 2 {
			tb.b.t.Errorf("%s: the top bar of %s takes %d rows on a %dpx tablet screen; want at most two", tb.name, p, n, tablet.w)
		}
	}
}

// selfCheck proves the watch on script errors works: a thrown error must
// be seen, or a silent watcher would pass every page.
func (b *browserSession) selfCheck(tb *tab) {
	b.t.Helper()
	tb.open("/login")
	tb.step("throw a probe error", chromedp.Evaluate[chromedp.Void](`setTimeout(() => { throw new Error("e2e-probe") }, 0); 1`))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		b.mu.Lock()
		seen := len(b.problems) > 0 && strings.Contains(strings.Join(b.problems, " "), "e2e-probe")
		if seen {
			b.problems = nil
		}
		b.mu.Unlock()
		if seen {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatal("a script error thrown on purpose was not noticed: the watch on script errors does not work")
}

// waitText waits until the element's text contains one of the texts and
// returns it.
func (tb *tab) waitText(sel string, texts ...string) string {
	tb.b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); return el ? el.textContent : ""; })()`, sel)
	deadline := time.Now().Add(15 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		got = run(tb, "read "+sel, chromedp.EvaluateAsDevTools[string](js))
		for _, want := range texts {
			if strings.Contains(got, want) {
				return got
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.b.t.Fatalf("%s: %s on %s shows %q; want one of %q", tb.name, sel, tb.url, got, texts)
	return ""
}

// checkClean fails the test for every script error any page showed.
func (b *browserSession) checkClean() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("page problem: %s", p)
	}
	b.problems = nil
}

// confirmed reports whether a confirmation containing text was asked.
func (b *browserSession) confirmed(text string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, d := range b.dialogs {
		if strings.Contains(d, text) {
			return true
		}
	}
	return false
}

// attrs reads an attribute of every match.
func (tb *tab) attrs(sel, name string) []string {
	tb.b.t.Helper()
	js := fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(el => el.getAttribute(%q) || "")`, sel, name)
	return run(tb, "read "+sel, chromedp.EvaluateAsDevTools[[]string](js))
}
