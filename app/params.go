package app

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// paramID reads a positive integer path parameter; anything else is a 404
// (an id that cannot exist names no record).
func paramID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// formInt64 reads an optional integer form field; "" is 0.
func formInt64(c echo.Context, name string) (int64, bool) {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// formInt64s reads a repeated integer form field, ignoring blanks.
func formInt64s(c echo.Context, name string) ([]int64, bool) {
	if err := c.Request().ParseForm(); err != nil {
		return nil, false
	}
	var out []int64
	for _, v := range c.Request().Form[name] {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// redirectBack sends the browser to path with a flash message.
func redirectWith(c echo.Context, path, kind, msg string) error {
	setFlash(c, kind, msg)
	return c.Redirect(http.StatusSeeOther, path)
}
