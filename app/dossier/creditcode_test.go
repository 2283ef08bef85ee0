package dossier

import (
	"strings"
	"testing"
)

func TestCheckCreditCode(t *testing.T) {
	for _, tc := range []struct {
		name, code, wantErr string
	}{
		// Published codes of real enterprises.
		{"Huawei", "914403001922038216", ""},
		{"CheckCharIsLetter", "91110000100006485K", ""},
		{"WrongCheckChar", "914403001922038217", "校验位不正确"},
		{"TransposedDigits", "914403001922083216", "校验位不正确"},
		{"TooShort", "91440300192203821", "应为 18 位，当前为 17 位"},
		{"LetterNotInAlphabet", "9144030019220382I6", "第 17 位“I”不是有效字符"},
		{"RegionCodeNotDigits", "91A403001922038216", "行政区划代码"},
		{"Chinese", "91440300192203821中", "第 18 位“中”"},
		{"Empty", "", "当前为 0 位"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckCreditCode(tc.code)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("CheckCreditCode(%q) = %v; want nil", tc.code, err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("CheckCreditCode(%q) = %v; want an error containing %q", tc.code, err, tc.wantErr)
			}
		})
	}
}

func TestCreditCodeCheckChar_CompletesEveryPrefix(t *testing.T) {
	for _, prefix := range []string{"91320281MA1X0000", "12320000466007000", "91320594MA1MQ7YB6", "5132000050000000X"} {
		if len(prefix) != 17 {
			continue
		}
		c, err := CreditCodeCheckChar(prefix)
		if err != nil {
			t.Fatalf("CreditCodeCheckChar(%q): %v", prefix, err)
		}
		if err := CheckCreditCode(prefix + string(c)); err != nil {
			t.Errorf("completed code %s%c does not check: %v", prefix, c, err)
		}
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	if got := NormalizeCreditCode(" ９１４４０３００-1922 038216\u3000"); got != "914403001922038216" {
		t.Errorf("full-width, hyphens and spaces: got %q", got)
	}
	if got := NormalizeCreditCode("91110000100006485k"); got != "91110000100006485K" {
		t.Errorf("lower case: got %q", got)
	}
	// Found by FuzzBindDossierForm: pasted codes carry invisible spaces.
	if got := NormalizeCreditCode("\f914403001922038216\u00a0\v\u2002"); got != "914403001922038216" {
		t.Errorf("no-break space, form feed, vertical tab, en space: got %q", got)
	}
}
