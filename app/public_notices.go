package app

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/rubrics"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

// maxEvidenceBytes caps an objection's evidence file.
const maxEvidenceBytes = 10 << 20

// evidenceKinds are the file kinds accepted as evidence.
var evidenceKinds = []rubrics.FileKind{rubrics.FilePDF, rubrics.FileJPEG, rubrics.FilePNG}

// phonePattern is a telephone number as people write it.
var phonePattern = regexp.MustCompile(`^[0-9+\-—()（） ]{7,24}$`)

// publicNoticePage is a notice on the public site, with the objection form
// while the 公示 is open.
type publicNoticePage struct {
	Competition store.Competition
	Notice      store.Notice
	Entries     []store.NoticeEntry
	Open        bool
	Ended       bool
	Form        objectionForm
	Errors      FieldErrors
	// Refusal explains why an objection was not accepted.
	Refusal string
}

// objectionForm is what the public objection form posts.
type objectionForm struct {
	Dossier                          int64
	Name, Unit, Phone, Email, Reason string
}

// loadPublicNotice returns a notice the public may see: standing, and for a
// 公示 begun.
func (s *Server) loadPublicNotice(c echo.Context) (*store.Notice, *store.Competition, error) {
	n, comp, err := s.loadNotice(c)
	if err != nil {
		return nil, nil, err
	}
	if n.Status != store.NoticeActive || (n.Kind == store.NoticePublicity && s.now().Before(n.StartsAt)) {
		return nil, nil, errNotFound
	}
	return n, comp, nil
}

// handlePublicNotice shows a 公示 or a result notice without login.
func (s *Server) handlePublicNotice(c echo.Context) error {
	n, comp, err := s.loadPublicNotice(c)
	if err != nil {
		return err
	}
	return s.publicNoticePage(c, http.StatusOK, n, comp, objectionForm{}, nil, "")
}

func (s *Server) publicNoticePage(c echo.Context, status int, n *store.Notice, comp *store.Competition, f objectionForm, errs FieldErrors, refusal string) error {
	entries, err := n.Entries()
	if err != nil {
		return err
	}
	now := s.now()
	p := publicNoticePage{Competition: *comp, Notice: *n, Entries: entries, Open: n.OpenAt(now), Ended: n.EndedAt(now),
		Form: f, Errors: errs, Refusal: refusal}
	return s.render(c, status, "public_notice.html", n.Title, p)
}

// handlePublicNoticePDF sends a notice's PDF as issued.
func (s *Server) handlePublicNoticePDF(c echo.Context) error {
	n, comp, err := s.loadPublicNotice(c)
	if err != nil {
		return err
	}
	return s.sendNoticePDF(c, n, comp)
}

// handleObjectionSubmit takes an objection to a 公示 from an identified
// person or unit, with optional evidence. Anonymous objections, objections
// outside the period and evidence that is not a PDF or an image are refused
// with the reason, and nothing is stored.
func (s *Server) handleObjectionSubmit(c echo.Context) error {
	n, comp, err := s.loadPublicNotice(c)
	if err != nil {
		return err
	}
	if n.Kind != store.NoticePublicity {
		return errNotFound
	}
	if refusal := s.periodRefusal(n); refusal != "" {
		return s.publicNoticePage(c, http.StatusConflict, n, comp, objectionForm{}, nil, refusal)
	}
	addrKey := "objection-addr:" + c.RealIP()
	recent, err := s.store.CountThrottleEvents(c.Request().Context(), addrKey, s.now().Add(-objectionWindow))
	if err != nil {
		return err
	}
	if recent >= objectionsPerWindow {
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(objectionWindow.Seconds())))
		return s.publicNoticePage(c, http.StatusTooManyRequests, n, comp, objectionForm{}, nil,
			"同一网络地址一小时内提交的异议过多，请稍后再提交；如有大量材料，请按公示所列地址寄送或当面提交。")
	}
	req := c.Request()
	req.Body = http.MaxBytesReader(c.Response(), req.Body, maxEvidenceBytes+uploadSlack)
	if err := req.ParseMultipartForm(maxEvidenceBytes + uploadSlack); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		if tooLarge(err) {
			return s.publicNoticePage(c, http.StatusRequestEntityTooLarge, n, comp, objectionForm{}, nil,
				fmt.Sprintf("证明材料超过 %s 的上限，异议未提交。", humanBytes(maxEvidenceBytes)))
		}
		return echo.NewHTTPError(http.StatusBadRequest, "提交的内容无法读取，请重试")
	}
	f := objectionForm{Name: trimmed(c, "name"), Unit: trimmed(c, "unit"), Phone: trimmed(c, "phone"),
		Email: trimmed(c, "email"), Reason: trimmed(c, "reason")}
	f.Dossier, _ = formInt64(c, "dossier")
	errs := validateObjection(f, n)
	evidence, evErr := readEvidence(c)
	if evErr != "" {
		errs.Add("evidence", evErr)
	}
	if errs.Any() {
		refusal := "异议未提交，请按提示补正。"
		if f.Name == "" || f.Unit == "" || f.Phone == "" {
			refusal = "本公示不受理匿名异议：请填写真实姓名、工作单位（以单位名义提出的填写单位全称）和联系电话。"
		}
		return s.publicNoticePage(c, http.StatusUnprocessableEntity, n, comp, f, errs, refusal)
	}
	o, err := s.store.SubmitObjection(req.Context(), store.NewObjection{NoticeID: n.ID, DossierID: f.Dossier, Name: f.Name,
		Unit: f.Unit, Phone: f.Phone, Email: f.Email, Reason: f.Reason, Evidence: evidence, RemoteAddr: c.RealIP()})
	if errors.Is(err, store.ErrConflict) {
		return s.publicNoticePage(c, http.StatusConflict, n, comp, f, nil, storeMessage(err, store.ErrConflict))
	}
	if err != nil {
		return err
	}
	if err := s.store.RecordThrottleEvent(req.Context(), addrKey); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/public/notices/%d", n.ID), "",
		fmt.Sprintf("您的异议已收到，受理编号第 %d 号（%s）。办公室将核实处理，并按您留下的联系方式反馈。", o.ID,
			templates.FormatDateTime(o.SubmittedAt)))
}

// A public page without login must not let one address flood the office
// with objections: at most objectionsPerWindow accepted per objectionWindow.
const (
	objectionsPerWindow = 10
	objectionWindow     = time.Hour
)

// periodRefusal says why a 公示 takes no objection now ("" when it does).
func (s *Server) periodRefusal(n *store.Notice) string {
	now := s.now()
	switch {
	case now.Before(n.StartsAt):
		return "公示尚未开始，暂不受理异议。"
	case !now.Before(n.EndsAt):
		return fmt.Sprintf("公示期已于 %s 24 时结束，逾期提出的异议不予受理。", templates.FormatDate(n.LastDay()))
	}
	return ""
}

// validateObjection checks the form; the person or unit must be identified.
func validateObjection(f objectionForm, n *store.Notice) FieldErrors {
	errs := FieldErrors{}
	switch {
	case f.Name == "":
		errs.Add("name", "请填写真实姓名（以单位名义提出的，填写联系人姓名）")
	case utf8.RuneCountInString(f.Name) > 50:
		errs.Add("name", "姓名不能超过 50 字")
	}
	switch {
	case f.Unit == "":
		errs.Add("unit", "请填写工作单位或提出异议的单位全称")
	case utf8.RuneCountInString(f.Unit) > 100:
		errs.Add("unit", "单位名称不能超过 100 字")
	}
	digits := 0
	for _, r := range f.Phone {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if f.Phone == "" {
		errs.Add("phone", "请填写联系电话，以便核实和反馈")
	} else if !phonePattern.MatchString(f.Phone) || digits < 7 {
		errs.Add("phone", "联系电话格式有误，请填写手机号码或带区号的固定电话")
	}
	if f.Email != "" && (!strings.Contains(f.Email, "@") || utf8.RuneCountInString(f.Email) > 120) {
		errs.Add("email", "电子邮箱格式有误")
	}
	if f.Dossier == 0 || !n.HasDossier(f.Dossier) {
		errs.Add("dossier", "请选择异议针对的公示对象")
	}
	switch n := utf8.RuneCountInString(f.Reason); {
	case n < 10:
		errs.Add("reason", "请具体写明异议的事实和理由（至少 10 字）")
	case n > 3000:
		errs.Add("reason", fmt.Sprintf("异议理由为 %d 字，请控制在 3000 字以内（详细材料可作为附件上传）", n))
	}
	return errs
}

// readEvidence reads the optional evidence file, recognised by its content.
// It returns nil without a file, or a Chinese message when the file is
// refused.
func readEvidence(c echo.Context) (*store.EvidenceFile, string) {
	fh, err := c.FormFile("evidence")
	if errors.Is(err, http.ErrMissingFile) || (err == nil && fh.Size == 0 && fh.Filename == "") {
		return nil, ""
	}
	if err != nil {
		return nil, "证明材料无法读取，请重新选择文件"
	}
	if fh.Size > maxEvidenceBytes {
		return nil, fmt.Sprintf("证明材料超过 %s 的上限", humanBytes(maxEvidenceBytes))
	}
	r, err := fh.Open()
	if err != nil {
		return nil, "证明材料无法读取，请重新选择文件"
	}
	defer r.Close()
	data, sum, err := files.ReadCapped(io.Reader(r), maxEvidenceBytes)
	if err != nil {
		if errors.Is(err, files.ErrTooLarge) {
			return nil, fmt.Sprintf("证明材料超过 %s 的上限", humanBytes(maxEvidenceBytes))
		}
		return nil, "证明材料无法读取，请重新选择文件"
	}
	kind, err := files.Sniff(data)
	if err != nil {
		return nil, "证明材料：" + err.Error()
	}
	accepted := false
	for _, k := range evidenceKinds {
		accepted = accepted || k == kind
	}
	if !accepted {
		return nil, "证明材料只接受 PDF、JPEG 或 PNG 文件，您上传的是" + files.Label(kind)
	}
	name := fh.Filename
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	return &store.EvidenceFile{Name: name, Kind: string(kind), SHA256: sum, Data: data}, ""
}
