package app

import (
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
)

// sendDownload sends data as a file to save, named name (any characters:
// the name is encoded for the header), never cached.
func sendDownload(c echo.Context, name, contentType string, data []byte) error {
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, contentType, data)
}
