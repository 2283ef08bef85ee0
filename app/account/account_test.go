package account

import "testing"

func TestPolicyProblem(t *testing.T) {
	tests := []struct {
		password string
		want     string
	}{
		{"short1", "密码至少 8 位"},
		{"onlyletters", "密码须同时包含字母和数字"},
		{"12345678", "密码须同时包含字母和数字"},
		{"Passw0rdOK", ""},
		{"中文密码加数字12", ""},
	}
	for _, tt := range tests {
		if got := PolicyProblem(tt.password); got != tt.want {
			t.Errorf("PolicyProblem(%q) = %q; want %q", tt.password, got, tt.want)
		}
	}
}

func TestGeneratePassword_MeetsPolicyAndDiffers(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		p := GeneratePassword()
		if msg := PolicyProblem(p); msg != "" {
			t.Fatalf("generated %q fails the policy: %s", p, msg)
		}
		if seen[p] {
			t.Fatalf("generated %q twice", p)
		}
		seen[p] = true
	}
}

func TestHashPassword_CostAtLeastTen(t *testing.T) {
	h, err := HashPassword("Passw0rdOK", 4)
	if err != nil {
		t.Fatal(err)
	}
	if h[:7] != "$2a$10$" {
		t.Errorf("hash %q; want cost 10 even when asked for 4", h[:7])
	}
	if !CheckPassword(h, "Passw0rdOK") || CheckPassword(h, "wrong") {
		t.Error("CheckPassword does not match the hash")
	}
}
