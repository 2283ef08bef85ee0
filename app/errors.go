package app

import (
	"errors"
	"fmt"
	"net/http"
	"sort"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

var (
	errForbidden = echo.NewHTTPError(http.StatusForbidden, "您没有权限执行此操作")
	errCSRF      = echo.NewHTTPError(http.StatusForbidden, "页面已过期或请求来源无法验证，请刷新页面后重试")
	errNotFound  = echo.NewHTTPError(http.StatusNotFound, "页面或记录不存在")
)

// FieldErrors maps a form field path (e.g. "indicators.revenue") to a
// Chinese message. Handlers re-render their form with it (HTML) or return
// it as 422 (API).
type FieldErrors map[string]string

// Add records msg for field unless it already has one.
func (fe FieldErrors) Add(field, msg string) {
	if _, ok := fe[field]; !ok {
		fe[field] = msg
	}
}

// Any reports whether there are errors.
func (fe FieldErrors) Any() bool { return len(fe) > 0 }

// Error makes FieldErrors usable as an error (returned from API handlers).
func (fe FieldErrors) Error() string {
	return fmt.Sprintf("%d 处填写有误", len(fe))
}

// Sorted lists the messages in field order, for summaries.
func (fe FieldErrors) Sorted() []string {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, fe[k])
	}
	return out
}

// statusText gives the Chinese heading of an error page.
func statusText(code int) string {
	switch code {
	case http.StatusBadRequest:
		return "请求有误"
	case http.StatusUnauthorized:
		return "需要登录"
	case http.StatusForbidden:
		return "无权访问"
	case http.StatusNotFound:
		return "未找到"
	case http.StatusMethodNotAllowed:
		return "不支持的请求方式"
	case http.StatusConflict:
		return "操作冲突"
	case http.StatusRequestEntityTooLarge:
		return "文件过大"
	case http.StatusUnsupportedMediaType:
		return "文件类型不受支持"
	case http.StatusUnprocessableEntity:
		return "填写有误"
	case http.StatusTooManyRequests:
		return "操作过于频繁"
	}
	if code >= 500 {
		return "系统错误"
	}
	return "出错了"
}

// defaultMessage replaces echo's English messages with Chinese ones.
func defaultMessage(code int) string {
	switch code {
	case http.StatusNotFound:
		return "页面或记录不存在，或您无权查看。"
	case http.StatusMethodNotAllowed:
		return "该地址不接受这种请求方式。"
	case http.StatusRequestEntityTooLarge:
		return "提交的内容超过了大小上限。"
	case http.StatusUnauthorized:
		return "请先登录。"
	}
	if code >= 500 {
		return "系统暂时无法完成操作，请稍后重试；如仍有问题请联系管理员。"
	}
	return "请求无法完成。"
}

type errorPage struct {
	Heading string
	Message string
	Details []string
	Back    string
}

// handleError is echo's HTTPErrorHandler: it maps every error returned by a
// handler to a status and a Chinese page (or JSON under /api/ and for the
// autosave script). Internal errors are logged and shown without detail.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	msg := ""
	var fields FieldErrors
	var he *echo.HTTPError
	switch {
	case errors.As(err, &fields):
		code, msg = http.StatusUnprocessableEntity, "提交的内容有误，请按提示修改。"
	case errors.As(err, &he):
		code = he.Code
		if m, ok := he.Message.(string); ok && isChinese(m) {
			msg = m
		}
	case errors.Is(err, store.ErrNotFound):
		code = http.StatusNotFound
	case errors.Is(err, store.ErrConflict):
		code, msg = http.StatusConflict, conflictMessage(err)
	case errors.Is(err, store.ErrDuplicate):
		code, msg = http.StatusConflict, "记录已存在，不能重复创建。"
	}
	if msg == "" {
		msg = defaultMessage(code)
	}
	if code >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if isAPI(c) || wantsJSON(c) {
		body := map[string]any{"error": msg}
		if fields != nil {
			body["fields"] = fields
		}
		_ = c.JSON(code, body)
		return
	}
	back := refererPath(c)
	if back == c.Request().URL.RequestURI() {
		back = "/"
	}
	data := errorPage{Heading: statusText(code), Message: msg, Back: back}
	if fields != nil {
		data.Details = fields.Sorted()
	}
	if rerr := s.render(c, code, "error.html", data.Heading, data); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		_ = c.String(code, msg)
	}
}

// conflictMessage is the Chinese text of a conflict error: the wrapped
// explanation when a store function gave one, else the generic one.
func conflictMessage(err error) string {
	if errors.Is(err, store.ErrConflict) && err.Error() != store.ErrConflict.Error() {
		text := err.Error()
		if i := len(text) - len(": "+store.ErrConflict.Error()); i > 0 && text[i:] == ": "+store.ErrConflict.Error() {
			return text[:i]
		}
		return text
	}
	return store.ErrConflict.Error()
}

// isChinese reports whether s contains any CJK character — a cheap test that
// a message was written for users rather than coming from a library.
func isChinese(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
