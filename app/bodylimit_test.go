package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

// endlessMultipart is a multipart body that claims a file of size bytes and
// produces them lazily, counting how many were read.
type endlessMultipart struct {
	head, tail string
	size, read int64
}

func (r *endlessMultipart) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch {
		case r.read < int64(len(r.head)):
			c := copy(p[n:], r.head[r.read:])
			n += c
			r.read += int64(c)
		case r.read < int64(len(r.head))+r.size:
			left := int64(len(r.head)) + r.size - r.read
			chunk := int64(len(p) - n)
			if chunk > left {
				chunk = left
			}
			for i := int64(0); i < chunk; i++ {
				p[n+int(i)] = 'x'
			}
			n += int(chunk)
			r.read += chunk
		default:
			off := r.read - int64(len(r.head)) - r.size
			if off >= int64(len(r.tail)) {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			c := copy(p[n:], r.tail[off:])
			n += c
			r.read += int64(c)
		}
	}
	return n, nil
}

func TestHugeUploadIsCutOffEarly(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")

	const twoGB = 2 << 30
	const head = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\nContent-Type: text/csv\r\n\r\n"
	// upload streams a body claiming a file of size bytes (its length not
	// declared: the cap must hold while reading) and returns the response,
	// the bytes the server read and the bytes allocated meanwhile.
	upload := func(size int64) (*apptest.Response, *endlessMultipart, uint64) {
		body := &endlessMultipart{head: head, tail: "\r\n--B--\r\n", size: size}
		req := httptest.NewRequest(http.MethodPost, "/office/users/import?csrf="+office.CSRF(), body)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
		req.ContentLength = -1
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res := office.Do(req)
		runtime.ReadMemStats(&after)
		return res, body, after.TotalAlloc - before.TotalAlloc
	}

	limit := env.Server.MaxUploadBytes() + 2<<20
	res, body, allocated := upload(twoGB)
	apptest.Check(t, res, http.StatusRequestEntityTooLarge, "", []string{"超过了大小上限"}, nil)
	if body.read > limit {
		t.Errorf("server read %d bytes of a 2 GB upload; want it cut off by %d", body.read, limit)
	}
	// Flat: refusing 2 GB costs what refusing a body just over the cap
	// costs (the cut-off part is buffered once), not more. Allocation is
	// counted rather than the heap in use, which depends on when the
	// collector last ran.
	_, _, justOver := upload(env.Server.MaxUploadBytes() + 4<<20)
	t.Logf("allocated %d MB refusing 2 GB, %d MB refusing a body just over the cap", allocated>>20, justOver>>20)
	if allocated > justOver+justOver/4+8<<20 {
		t.Errorf("refusing 2 GB allocated %d MB, refusing a body just over the cap %d MB; want the same", allocated>>20, justOver>>20)
	}

	t.Run("DeclaredLengthRefusedBeforeReading", func(t *testing.T) {
		body := &endlessMultipart{head: body.head, tail: body.tail, size: twoGB}
		req := httptest.NewRequest(http.MethodPost, "/office/users/import?csrf="+office.CSRF(), body)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
		req.ContentLength = twoGB
		res := office.Do(req)
		apptest.Check(t, res, http.StatusRequestEntityTooLarge, "", nil, nil)
		if body.read != 0 {
			t.Errorf("read %d bytes of a body declared too large; want 0", body.read)
		}
	})

	t.Run("PlainFormCapped", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/office/users", strings.NewReader("csrf="+office.CSRF()+"&display_name="+strings.Repeat("长", 3<<20)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res := office.Do(req)
		apptest.Check(t, res, http.StatusRequestEntityTooLarge, "", []string{"超过了大小上限"}, nil)
	})
}
