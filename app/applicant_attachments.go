package app

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"chainjudge/app/dossier"
	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// multipartSlack is what an upload body may carry besides the file: the
// multipart framing and the small fields.
const multipartSlack = 64 << 10

// maxFileNameChars bounds a stored file name.
const maxFileNameChars = 120

// uploadForm is an attachment upload as read from the request body.
type uploadForm struct {
	Requirement string
	Name        string
	Data        []byte
	Sum         string
}

// uploadRefusal is why an upload was refused: the status, the field it
// concerns and the Chinese message.
type uploadRefusal struct {
	Status  int
	Field   string
	Message string
}

func refuse(status int, field, format string, args ...any) *uploadRefusal {
	return &uploadRefusal{Status: status, Field: field, Message: fmt.Sprintf(format, args...)}
}

// readUploadForm streams the multipart body: the file part is read through
// a cap of max bytes while it is hashed, so an oversized file is refused
// after max+1 bytes and nothing of it is kept.
func readUploadForm(r *http.Request, max int64) (uploadForm, *uploadRefusal) {
	var f uploadForm
	mr, err := r.MultipartReader()
	if err != nil {
		return f, refuse(http.StatusBadRequest, dossier.AttachmentsKey, "请通过页面上的上传表单选择文件")
	}
	tooLarge := func() (uploadForm, *uploadRefusal) {
		name := f.Name
		if name == "" {
			name = "所选文件"
		}
		return uploadForm{}, refuse(http.StatusRequestEntityTooLarge, dossier.AttachmentsKey,
			"文件“%s”超过 %s 的上限，未上传；请压缩或拆分后再上传", name, humanBytes(max))
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge()
		}
		if err != nil {
			return uploadForm{}, refuse(http.StatusBadRequest, dossier.AttachmentsKey, "上传中断或表单有误，请重新选择文件上传")
		}
		switch part.FormName() {
		case "requirement":
			b, _ := io.ReadAll(io.LimitReader(part, 100))
			f.Requirement = strings.TrimSpace(string(b))
		case "file":
			f.Name = cleanFileName(part.FileName())
			if f.Name == "" {
				continue
			}
			data, sum, err := files.ReadCapped(part, max)
			if errors.Is(err, files.ErrTooLarge) || errors.As(err, &mbe) {
				return tooLarge()
			}
			if err != nil {
				return uploadForm{}, refuse(http.StatusBadRequest, dossier.AttachmentsKey, "上传中断，请重新上传")
			}
			f.Data, f.Sum = data, sum
		default:
			if _, err := io.Copy(io.Discard, io.LimitReader(part, multipartSlack)); err != nil {
				return uploadForm{}, refuse(http.StatusBadRequest, dossier.AttachmentsKey, "上传中断，请重新上传")
			}
		}
	}
	return f, nil
}

// cleanFileName keeps the last path element of an uploaded name, without
// control characters, at most maxFileNameChars long (keeping the
// extension).
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n > maxFileNameChars {
		r := []rune(name)
		ext := []rune(fileExt(name))
		name = string(r[:maxFileNameChars-len(ext)]) + string(ext)
	}
	return name
}

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && len(name)-i <= 6 {
		return name[i:]
	}
	return ""
}

// checkUpload checks an upload against its requirement: a known
// requirement, a file, an accepted extension, and content of the kind the
// extension claims.
func checkUpload(f uploadForm, rules *rubrics.Stage) (rubrics.FileKind, *uploadRefusal) {
	req := rules.Attachment(f.Requirement)
	if req == nil {
		return "", refuse(http.StatusUnprocessableEntity, dossier.AttachmentsKey, "请选择附件类别")
	}
	field := dossier.AttachmentField(req.ID)
	if f.Name == "" || f.Data == nil {
		return "", refuse(http.StatusUnprocessableEntity, field, "请选择要上传的文件")
	}
	claimed, err := req.CheckFileName(f.Name)
	if err != nil {
		return "", refuse(http.StatusUnsupportedMediaType, field, "%s", fileNameMessage(err))
	}
	kind, err := files.Sniff(f.Data)
	if err != nil {
		return "", refuse(http.StatusUnsupportedMediaType, field, "文件“%s”未上传：%s", f.Name, err.Error())
	}
	if kind != claimed {
		return "", refuse(http.StatusUnsupportedMediaType, field,
			"文件“%s”的扩展名表示%s，但内容是%s，未上传；请上传原始文件，不要只修改扩展名", f.Name, files.Label(claimed), files.Label(kind))
	}
	return kind, nil
}

// fileNameMessage is the Chinese sentence of a refused file name.
func fileNameMessage(err error) string {
	var ie *rubrics.InputError
	if errors.As(err, &ie) {
		return ie.Message
	}
	return err.Error()
}

// attachmentStorage is where new uploads go: the attachment directory when
// one is configured, the database (within tx) otherwise.
func (s *Server) attachmentStorage(tx *store.Store) (files.Storage, string) {
	if s.cfg.FilesDir != "" {
		return files.Dir{Root: s.cfg.FilesDir}, store.StorageDir
	}
	return tx.Blobs(), store.StorageDB
}

// storageOf is where an attachment's bytes are.
func (s *Server) storageOf(a *store.Attachment) (files.Storage, error) {
	if a.Storage == store.StorageDir {
		if s.cfg.FilesDir == "" {
			return nil, fmt.Errorf("attachment %d is kept in a directory but no files directory is configured", a.ID)
		}
		return files.Dir{Root: s.cfg.FilesDir}, nil
	}
	return s.store.Blobs(), nil
}

// handleAttachmentUpload adds a file to a dossier the applicant may edit.
// Refusals (too large, wrong or disguised type, duplicate, over the dossier
// total) store nothing and say why next to the requirement.
func (s *Server) handleAttachmentUpload(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	if err := dc.D.EditableAt(dc.Stage, s.now()); err != nil {
		return err
	}
	req := c.Request()
	req.Body = http.MaxBytesReader(c.Response(), req.Body, s.cfg.MaxUploadBytes+multipartSlack)
	f, bad := readUploadForm(req, s.cfg.MaxUploadBytes)
	var kind rubrics.FileKind
	if bad == nil {
		kind, bad = checkUpload(f, dc.Rules)
	}
	if bad != nil {
		return s.uploadRefused(c, dc, bad)
	}
	ctx := req.Context()
	u := currentUser(c)
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		storage, where := s.attachmentStorage(tx)
		if err := storage.Put(ctx, f.Sum, f.Data); err != nil {
			return err
		}
		_, err := tx.AddAttachment(ctx, store.UserActor(u), store.NewAttachment{DossierID: dc.D.ID, Requirement: f.Requirement,
			FileName: f.Name, Kind: string(kind), Size: int64(len(f.Data)), SHA256: f.Sum, Storage: where,
			UploadedBy: u.ID, MaxTotal: s.cfg.MaxDossierBytes})
		return err
	})
	field := dossier.AttachmentField(f.Requirement)
	switch {
	case errors.Is(err, store.ErrDuplicate):
		return s.uploadRefused(c, dc, refuse(http.StatusConflict, field, "%s", storeMessage(err, store.ErrDuplicate)))
	case errors.Is(err, store.ErrConflict):
		return s.uploadRefused(c, dc, refuse(http.StatusConflict, field, "%s", storeMessage(err, store.ErrConflict)))
	case err != nil:
		return err
	}
	if wantsJSON(c) {
		return c.JSON(http.StatusCreated, map[string]any{"message": "已上传", "sha256": f.Sum})
	}
	return redirectWith(c, dossierPath(dc.D.ID, "/edit#"+"f-"+field), "",
		fmt.Sprintf("已上传“%s”（%s，SHA-256 %s…）。", f.Name, humanBytes(int64(len(f.Data))), f.Sum[:12]))
}

// storeMessage is the Chinese sentence a store error was wrapped with.
func storeMessage(err, sentinel error) string {
	text := err.Error()
	if t, ok := strings.CutSuffix(text, ": "+sentinel.Error()); ok {
		return t
	}
	return sentinel.Error()
}

// uploadRefused answers a refused upload: JSON with the field path, or the
// form again with the message next to the requirement.
func (s *Server) uploadRefused(c echo.Context, dc *dossierCtx, bad *uploadRefusal) error {
	if wantsJSON(c) || isAPI(c) {
		return c.JSON(bad.Status, map[string]any{"error": bad.Message, "fields": FieldErrors{bad.Field: bad.Message}})
	}
	errs := FieldErrors(dossier.Validate(dc.Content, &dc.Rules.Requirements, dossier.Draft))
	if errs == nil {
		errs = FieldErrors{}
	}
	errs[bad.Field] = bad.Message
	return s.dossierEditPage(c, bad.Status, dc, storedState(dc), errs, bad.Message, "error")
}

// handleAttachmentDelete removes a file from a dossier the applicant may
// edit; bytes no other attachment uses are deleted from the storage.
func (s *Server) handleAttachmentDelete(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	aid, err := paramID(c, "aid")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var removed *store.Attachment
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		a, unused, err := tx.DeleteAttachment(ctx, store.UserActor(currentUser(c)), dc.D.ID, aid)
		if err != nil {
			return err
		}
		removed = a
		if !unused {
			return nil
		}
		if a.Storage == store.StorageDB {
			return tx.Blobs().Delete(ctx, a.SHA256)
		}
		storage, err := s.storageOf(a)
		if err != nil {
			return err
		}
		return storage.Delete(ctx, a.SHA256)
	})
	if err != nil {
		return err
	}
	return redirectWith(c, dossierPath(dc.D.ID, "/edit#f-"+dossier.AttachmentField(removed.Requirement)), "",
		"已删除“"+removed.FileName+"”。")
}

// handleApplicantAttachment downloads one of the dossier's files.
func (s *Server) handleApplicantAttachment(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	return s.serveAttachment(c, dc.D.ID)
}

// serveAttachment sends the attachment named by :aid of the dossier, after
// checking its bytes still match their SHA-256.
func (s *Server) serveAttachment(c echo.Context, dossierID int64) error {
	aid, err := paramID(c, "aid")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := s.store.FindAttachment(ctx, dossierID, aid)
	if err != nil {
		return err
	}
	storage, err := s.storageOf(a)
	if err != nil {
		return err
	}
	data, err := storage.Get(ctx, a.SHA256)
	if err != nil {
		return fmt.Errorf("read attachment %d: %w", a.ID, err)
	}
	if files.SHA256(data) != a.SHA256 {
		return fmt.Errorf("attachment %d: stored bytes do not match their sha256 %s", a.ID, a.SHA256)
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.FileName}))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, files.ContentType(rubrics.FileKind(a.Kind)), data)
}
