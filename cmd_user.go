package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"chainjudge/app/account"
	"chainjudge/app/store"
)

const userUsage = `用法 (usage):
  chainjudge user add --role office|expert|applicant --username NAME --name 显示名称 [--region 地区] [--password 密码]
  chainjudge user list [--role ROLE]
  chainjudge user disable USERNAME
  chainjudge user enable USERNAME
  chainjudge user reset USERNAME        生成新的临时密码（本人登录后须修改）
所有子命令均接受 --data DIR 与 --db DSN。`

// cmdUser manages accounts from the command line — above all the first
// office account of a fresh installation.
func cmdUser(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return 2
	}
	sub, rest := args[0], args[1:]
	fs := newFlagSet("user "+sub, stderr)
	var db dbFlags
	db.register(fs)
	role := fs.String("role", "", "角色：office（办公室）、expert（专家）、applicant（申报单位）")
	username := fs.String("username", "", "用户名（登录名）")
	name := fs.String("name", "", "姓名或单位名称")
	region := fs.String("region", "", "申报单位绑定的地区全称，例如 江阴市")
	password := fs.String("password", "", "初始密码（留空则生成随机密码，首次登录须修改）")
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	ctx := context.Background()
	actor := store.SystemActor("命令行 chainjudge user")
	open := func() (*store.Store, bool) {
		st, err := db.open(ctx)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return nil, false
		}
		return st, true
	}

	switch sub {
	case "add":
		if *role == "" || *username == "" || *name == "" {
			fmt.Fprintln(stderr, "user add 需要 --role、--username 和 --name")
			return 2
		}
		st, ok := open()
		if !ok {
			return 1
		}
		defer st.Close()
		n := account.New{Username: *username, DisplayName: *name, Role: store.Role(*role), Password: *password}
		if *region != "" {
			r, err := st.FindRegionByName(ctx, *region)
			if err != nil {
				fmt.Fprintf(stderr, "地区“%s”不存在\n", *region)
				return 1
			}
			n.RegionID = &r.ID
		}
		u, generated, err := account.Create(ctx, st, actor, n, account.MinBcryptCost)
		var bad account.Invalid
		if errors.As(err, &bad) {
			keys := make([]string, 0, len(bad))
			for k := range bad {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				fmt.Fprintf(stderr, "%s: %s\n", k, bad[k])
			}
			return 1
		}
		if err != nil {
			fmt.Fprintf(stderr, "创建账号失败: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "已创建%s账号 %s（%s）\n", u.Role.Label(), u.Username, u.DisplayName)
		if generated != "" {
			fmt.Fprintf(stdout, "初始密码：%s（首次登录须修改）\n", generated)
		}
		return 0

	case "list":
		st, ok := open()
		if !ok {
			return 1
		}
		defer st.Close()
		users, err := st.FindUsers(ctx, store.UserFilter{Role: store.Role(*role)})
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "用户名\t名称\t角色\t状态")
		for _, u := range users {
			state := "正常"
			if u.Disabled {
				state = "已停用"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, u.Role.Label(), state)
		}
		tw.Flush()
		return 0

	case "disable", "enable", "reset":
		if fs.NArg() != 1 {
			fmt.Fprintf(stderr, "user %s 需要一个用户名\n", sub)
			return 2
		}
		st, ok := open()
		if !ok {
			return 1
		}
		defer st.Close()
		u, err := st.FindUserByUsername(ctx, fs.Arg(0))
		if err != nil {
			fmt.Fprintf(stderr, "用户 %s 不存在\n", fs.Arg(0))
			return 1
		}
		if sub == "reset" {
			pw := account.GeneratePassword()
			hash, err := account.HashPassword(pw, account.MinBcryptCost)
			if err == nil {
				err = st.SetPassword(ctx, actor, u.ID, hash, true, "")
			}
			if err != nil {
				fmt.Fprintf(stderr, "重置密码失败: %v\n", err)
				return 1
			}
			fmt.Fprintf(stdout, "已为 %s 生成临时密码：%s（登录后须修改）\n", u.Username, pw)
			return 0
		}
		disabled := sub == "disable"
		if _, err := st.UpdateUser(ctx, actor, u.ID, store.UserUpdate{Disabled: &disabled}, "命令行操作"); err != nil {
			fmt.Fprintf(stderr, "更新账号失败: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "账号 %s 已%s\n", u.Username, map[bool]string{true: "停用", false: "启用"}[disabled])
		return 0
	}
	fmt.Fprintf(stderr, "未知的 user 子命令 %q\n%s\n", sub, strings.TrimSpace(userUsage))
	return 2
}
