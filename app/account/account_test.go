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

func TestNewHash_PrecomputedHashKeptOtherwiseHashedAtCost(t *testing.T) {
	given, err := HashPassword("Passw0rdOK", MinBcryptCost)
	if err != nil {
		t.Fatal(err)
	}
	n := New{Username: "demo", PasswordHash: given}
	hash, generated, err := n.hash(MinBcryptCost)
	if err != nil || hash != given || generated != "" {
		t.Errorf("hash with PasswordHash = %q, %q, %v; want the given hash kept, nothing generated", hash, generated, err)
	}

	n = New{Username: "demo", PasswordHash: "Passw0rdOK"}
	if _, _, err := n.hash(MinBcryptCost); err == nil {
		t.Error("a PasswordHash that is no bcrypt hash was accepted")
	}

	n = New{Username: "demo"}
	hash, generated, err = n.hash(4)
	if err != nil || generated == "" || !CheckPassword(hash, generated) {
		t.Fatalf("hash without a password = %q, %q, %v; want a generated password and its hash", hash, generated, err)
	}
	if hash[:7] != "$2a$10$" {
		t.Errorf("generated password hashed as %q; want cost 10", hash[:7])
	}
}
