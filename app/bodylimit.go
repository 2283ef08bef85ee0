package app

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// formBodyLimit caps a plain form post: long narratives fit many times over.
const formBodyLimit = 4 << 20

// uploadSlack is room for the other fields and the multipart framing of an
// upload.
const uploadSlack = 1 << 20

// limitBody caps every request body before anything reads it, so a huge
// upload is cut off after the limit instead of being spooled to disk: one
// file (Config.MaxUploadBytes) plus slack for multipart forms, formBodyLimit
// for everything else. Handlers may set a tighter limit of their own.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Body != nil && req.Body != http.NoBody {
			limit := int64(formBodyLimit)
			if strings.HasPrefix(req.Header.Get("Content-Type"), "multipart/") {
				limit = s.cfg.MaxUploadBytes + uploadSlack
			}
			if req.ContentLength > limit {
				return errTooLarge
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
		}
		return next(c)
	}
}

var errTooLarge = echo.NewHTTPError(http.StatusRequestEntityTooLarge, "提交的内容超过了大小上限，未保存任何内容。")

// tooLarge reports whether err comes from a body over its limit.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe) || (err != nil && strings.Contains(err.Error(), "request body too large"))
}
