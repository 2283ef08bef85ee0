package app

import (
	"net/http"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// apiTokensPage lists the API tokens; NewSecret is shown once, right after
// a token is created.
type apiTokensPage struct {
	Tokens    []store.APIToken
	NewSecret string
	NewName   string
	Errors    FieldErrors
	BaseURL   string
}

func (s *Server) apiTokensPage(c echo.Context, status int, p apiTokensPage) error {
	var err error
	if p.Tokens, err = s.store.FindAPITokens(c.Request().Context()); err != nil {
		return err
	}
	p.BaseURL = s.cfg.BaseURL
	if p.BaseURL == "" {
		p.BaseURL = "http://" + c.Request().Host
	}
	return s.render(c, status, "office_results_tokens.html", "数据接口令牌", p)
}

// handleAPITokensPage lists the tokens of the read-only JSON API.
func (s *Server) handleAPITokensPage(c echo.Context) error {
	return s.apiTokensPage(c, http.StatusOK, apiTokensPage{})
}

// handleAPITokenCreate makes an office token and shows its secret once.
func (s *Server) handleAPITokenCreate(c echo.Context) error {
	name := trimmed(c, "name")
	if name == "" {
		return s.apiTokensPage(c, http.StatusUnprocessableEntity, apiTokensPage{Errors: FieldErrors{"name": "请填写令牌用途，如“省大数据中心数据交换”"}})
	}
	if len([]rune(name)) > 100 {
		return s.apiTokensPage(c, http.StatusUnprocessableEntity, apiTokensPage{NewName: name, Errors: FieldErrors{"name": "用途不能超过 100 字"}})
	}
	_, secret, err := s.store.CreateAPIToken(c.Request().Context(), store.UserActor(currentUser(c)), name)
	if err != nil {
		return err
	}
	return s.apiTokensPage(c, http.StatusCreated, apiTokensPage{NewSecret: secret, NewName: name})
}

// handleAPITokenRevoke stops a token from working.
func (s *Server) handleAPITokenRevoke(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.RevokeAPIToken(c.Request().Context(), store.UserActor(currentUser(c)), id); err != nil {
		return err
	}
	return redirectWith(c, "/office/api-tokens", "", "令牌已吊销，使用它的请求将被拒绝。")
}
