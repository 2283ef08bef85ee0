package app

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"chainjudge/app/account"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

type usersListPage struct {
	Users   []store.User
	Regions map[int64]*store.Region
	Role    store.Role
	Query   string
	Roles   []store.Role
}

func (s *Server) handleUsersList(c echo.Context) error {
	ctx := c.Request().Context()
	role := store.Role(c.QueryParam("role"))
	if !role.Valid() {
		role = ""
	}
	q := strings.TrimSpace(c.QueryParam("q"))
	users, err := s.store.FindUsers(ctx, store.UserFilter{Role: role, Query: q})
	if err != nil {
		return err
	}
	var regionIDs []int64
	for _, u := range users {
		if u.RegionID != nil {
			regionIDs = append(regionIDs, *u.RegionID)
		}
	}
	regions, err := s.store.RegionsByID(ctx, regionIDs)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "office_users.html", "账号管理",
		usersListPage{Users: users, Regions: regions, Role: role, Query: q, Roles: store.Roles})
}

// userForm is the office's new-account form.
type userForm struct {
	Username     string
	DisplayName  string
	Role         string
	RegionID     int64
	Phone        string
	Email        string
	Organisation string
	Title        string
	HomeRegionID int64
}

type userNewPage struct {
	Form    userForm
	Errors  FieldErrors
	Regions []store.Region
	Roles   []store.Role
	// Created is set after a successful create: the one-time password.
	Created  *store.User
	Password string
}

func (s *Server) userNewPage(c echo.Context, status int, p userNewPage) error {
	regions, err := s.store.FindRegions(c.Request().Context(), store.RegionFilter{})
	if err != nil {
		return err
	}
	p.Regions, p.Roles = regions, store.Roles
	return s.render(c, status, "office_user_new.html", "新建账号", p)
}

func (s *Server) handleUserNewPage(c echo.Context) error {
	return s.userNewPage(c, http.StatusOK, userNewPage{Form: userForm{Role: c.QueryParam("role")}})
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (s *Server) handleUserCreate(c echo.Context) error {
	ctx := c.Request().Context()
	regionID, ok1 := formInt64(c, "region_id")
	homeID, ok2 := formInt64(c, "home_region_id")
	f := userForm{Username: trimmed(c, "username"), DisplayName: trimmed(c, "display_name"), Role: trimmed(c, "role"),
		RegionID: regionID, Phone: trimmed(c, "phone"), Email: trimmed(c, "email"),
		Organisation: trimmed(c, "organisation"), Title: trimmed(c, "title"), HomeRegionID: homeID}
	if !ok1 || !ok2 {
		return echo.NewHTTPError(http.StatusBadRequest, "地区选择有误")
	}
	u, password, err := account.Create(ctx, s.store, store.UserActor(currentUser(c)), account.New{
		Username: f.Username, DisplayName: f.DisplayName, Role: store.Role(f.Role), RegionID: optionalID(f.RegionID),
		Phone: f.Phone, Email: f.Email, Organisation: f.Organisation, Title: f.Title, HomeRegionID: optionalID(f.HomeRegionID),
	}, s.cfg.BcryptCost)
	var bad account.Invalid
	if errors.As(err, &bad) {
		return s.userNewPage(c, http.StatusUnprocessableEntity, userNewPage{Form: f, Errors: FieldErrors(bad)})
	}
	if err != nil {
		return err
	}
	// The initial password is shown once, on this response, and never stored
	// in clear anywhere.
	return s.userNewPage(c, http.StatusCreated, userNewPage{Form: userForm{Role: f.Role}, Created: u, Password: password})
}

type userEditPage struct {
	User     store.User
	Regions  []store.Region
	Errors   FieldErrors
	Password string // set after a reset, shown once
}

// loadUser returns the user named by the :id path parameter.
func (s *Server) loadUser(c echo.Context) (*store.User, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	return s.store.FindUserByID(c.Request().Context(), id)
}

func (s *Server) handleUserEditPage(c echo.Context) error {
	u, err := s.loadUser(c)
	if err != nil {
		return err
	}
	return s.userEditPage(c, http.StatusOK, userEditPage{User: *u})
}

func (s *Server) userEditPage(c echo.Context, status int, p userEditPage) error {
	regions, err := s.store.FindRegions(c.Request().Context(), store.RegionFilter{})
	if err != nil {
		return err
	}
	p.Regions = regions
	return s.render(c, status, "office_user_edit.html", "编辑账号", p)
}

func (s *Server) handleUserUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := s.loadUser(c)
	if err != nil {
		return err
	}
	id := u.ID
	me := currentUser(c)
	name, phone, email := trimmed(c, "display_name"), trimmed(c, "phone"), trimmed(c, "email")
	disabled := c.FormValue("disabled") == "on"
	regionID, ok := formInt64(c, "region_id")
	errs := FieldErrors{}
	if name == "" {
		errs.Add("display_name", "请填写姓名或单位名称")
	}
	if !ok {
		errs.Add("region_id", "地区选择有误")
	}
	if u.Role == store.RoleApplicant && regionID == 0 {
		errs.Add("region_id", "申报单位账号须绑定一个地区")
	}
	if regionID != 0 {
		if _, err := s.store.FindRegionByID(ctx, regionID); err != nil {
			errs.Add("region_id", "所选地区不存在")
		}
	}
	if disabled && u.ID == me.ID {
		errs.Add("disabled", "不能停用自己的账号")
	}
	if errs.Any() {
		u.DisplayName, u.Phone, u.Email, u.Disabled = name, phone, email, disabled
		return s.userEditPage(c, http.StatusUnprocessableEntity, userEditPage{User: *u, Errors: errs})
	}
	region := optionalID(regionID)
	if u.Role != store.RoleApplicant {
		region = nil
	}
	_, err = s.store.UpdateUser(ctx, store.UserActor(me), id, store.UserUpdate{
		DisplayName: &name, Phone: &phone, Email: &email, Disabled: &disabled, RegionID: &region,
	}, trimmed(c, "reason"))
	if err != nil {
		return err
	}
	return redirectWith(c, "/office/users", "", "账号“"+u.Username+"”已保存。")
}

// handleUserReset issues a new random password that the user must change at
// next login, and ends the user's sessions.
func (s *Server) handleUserReset(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := s.loadUser(c)
	if err != nil {
		return err
	}
	id := u.ID
	password := account.GeneratePassword()
	hash, err := account.HashPassword(password, s.cfg.BcryptCost)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, store.UserActor(currentUser(c)), id, hash, true, ""); err != nil {
		return err
	}
	return s.userEditPage(c, http.StatusOK, userEditPage{User: *u, Password: password})
}

// importRow is one row of an account import.
type importRow struct {
	Line     int
	Username string
	Name     string
	Role     string
}

type usersImportPage struct {
	Error string
}

func (s *Server) handleUsersImportPage(c echo.Context) error {
	return s.render(c, http.StatusOK, "office_users_import.html", "批量导入账号", usersImportPage{})
}

// importColumns are the accepted header names of an account import.
var importColumns = map[string][]string{
	"username":     {"用户名", "username"},
	"name":         {"姓名", "名称", "单位名称", "name"},
	"role":         {"角色", "role"},
	"region":       {"所属地区", "申报地区", "地区", "region"},
	"organisation": {"工作单位", "单位", "organisation"},
	"title":        {"职称", "title"},
	"home":         {"常住地区", "所在地区", "home_region"},
	"fields":       {"专业领域", "熟悉领域", "fields"},
	"phone":        {"手机", "电话", "phone"},
	"email":        {"邮箱", "email"},
	"password":     {"初始密码", "password"},
}

// roleFromText reads a role written in Chinese or English.
func roleFromText(s string) store.Role {
	switch strings.TrimSpace(s) {
	case "申报单位", "申报", "applicant":
		return store.RoleApplicant
	case "评审专家", "专家", "expert":
		return store.RoleExpert
	case "办公室", "office":
		return store.RoleOffice
	}
	return ""
}

// handleUsersImport checks an XLSX or CSV upload and creates its accounts in
// a background job (hashing hundreds of passwords takes a while): good rows
// are created, bad rows reported with their line and reason, and the
// generated initial passwords are offered once as a file.
func (s *Server) handleUsersImport(c echo.Context) error {
	ctx := c.Request().Context()
	fail := func(status int, msg string) error {
		return s.render(c, status, "office_users_import.html", "批量导入账号", usersImportPage{Error: msg})
	}
	fh, err := c.FormFile("file")
	if tooLarge(err) {
		return errTooLarge
	}
	if err != nil {
		return fail(http.StatusUnprocessableEntity, "请选择要导入的 Excel（.xlsx）或 CSV 文件")
	}
	data, err := readUpload(fh, 10<<20)
	if err != nil {
		return fail(http.StatusRequestEntityTooLarge, err.Error())
	}
	tab, err := readTable(data)
	if err != nil {
		return fail(http.StatusUnprocessableEntity, err.Error())
	}
	col, missing := tab.columns(importColumns, "username", "name", "role")
	if len(missing) > 0 {
		return fail(http.StatusUnprocessableEntity, "缺少必需的列："+strings.Join(missing, "、"))
	}
	fieldIndex, err := s.expertFieldIndex(ctx)
	if err != nil {
		return err
	}
	regionIdx, err := s.regionNameIndex(ctx)
	if err != nil {
		return err
	}
	me := currentUser(c)
	job, err := s.startJob("import_users", fmt.Sprintf("批量导入账号（%s，%d 行）", fh.Filename, len(tab.Rows)), me, len(tab.Rows),
		func(r *jobRun) (store.JobOutcome, error) {
			return s.importAccounts(r, store.UserActor(me), tab, col, fieldIndex, regionIdx)
		})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/jobs/%d", job.ID))
}

// importAccounts creates one account per row, reporting progress.
func (s *Server) importAccounts(r *jobRun, actor store.Actor, tab *table, col map[string]int,
	fieldIndex *fieldIndex, regionIdx *regionNames) (store.JobOutcome, error) {
	report := jobReport{Columns: []string{"行号", "用户名", "姓名", "角色", "结果"}}
	var passwords bytes.Buffer
	passwords.WriteString("\xef\xbb\xbf") // BOM: Excel then reads the CSV as UTF-8
	pw := csv.NewWriter(&passwords)
	_ = pw.Write([]string{"用户名", "姓名", "角色", "初始密码"})
	created, failed, generated := 0, 0, 0
	for i, row := range tab.Rows {
		ir := importRow{Line: tab.Lines[i], Username: cell(row, col, "username"), Name: cell(row, col, "name"), Role: cell(row, col, "role")}
		n := account.New{Username: ir.Username, DisplayName: ir.Name, Role: roleFromText(ir.Role),
			Phone: cell(row, col, "phone"), Email: cell(row, col, "email"), Password: cell(row, col, "password"),
			Organisation: cell(row, col, "organisation"), Title: cell(row, col, "title")}
		var problems []string
		if name := cell(row, col, "region"); name != "" {
			if id, why := regionIdx.lookup(name); why == "" {
				n.RegionID = &id
			} else {
				problems = append(problems, why)
			}
		}
		if name := cell(row, col, "home"); name != "" {
			if id, why := regionIdx.lookup(name); why == "" {
				n.HomeRegionID = &id
			} else {
				problems = append(problems, "常住"+why)
			}
		}
		fields, unknown := fieldIndex.parse(cell(row, col, "fields"))
		n.Fields = fields
		for _, u := range unknown {
			problems = append(problems, "专业领域“"+u+"”不是已登记的集群或产业链")
		}
		if len(problems) == 0 {
			u, password, err := account.Create(r.ctx, s.store, actor, n, s.cfg.BcryptCost)
			var bad account.Invalid
			switch {
			case errors.As(err, &bad):
				for _, m := range bad {
					problems = append(problems, m)
				}
				sort.Strings(problems)
			case err != nil:
				return store.JobOutcome{Report: report.encode()}, err
			default:
				ir.Username = u.Username
				if password != "" {
					_ = pw.Write([]string{u.Username, u.DisplayName, u.Role.Label(), password})
					generated++
				}
			}
		}
		result := "已创建"
		if len(problems) > 0 {
			result = "未导入：" + strings.Join(problems, "；")
			failed++
		} else {
			created++
		}
		report.Rows = append(report.Rows, []string{strconv.Itoa(ir.Line), ir.Username, ir.Name, ir.Role, result})
		r.Progress(i+1, len(tab.Rows), fmt.Sprintf("已处理 %d 行", i+1))
	}
	pw.Flush()
	report.Summary = fmt.Sprintf("导入结果：成功 %d 行，失败 %d 行", created, failed)
	out := store.JobOutcome{Message: report.Summary, Report: report.encode()}
	if generated > 0 {
		out.ResultName, out.ResultType, out.Result = "初始密码.csv", "text/csv; charset=utf-8", passwords.Bytes()
		out.Message += fmt.Sprintf("；%d 个账号的初始密码在结果文件中（仅能下载一次）", generated)
	}
	return out, nil
}
