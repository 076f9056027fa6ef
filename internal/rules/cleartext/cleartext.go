package cleartext

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-SEC-002.
var Rule = &rules.Rule{
	ID:       "AV-SEC-002",
	Name:     "cleartext",
	Doc:      rules.ExtractDoc(doc, "cleartext"),
	Standard: "CWE-319, CWE-798; IEC 62443-3-3:2013 SR 1.5, SR 4.1",
	Severity: diag.Error,
	Run:      run,
}

// envName proposes an environment variable name for a secret.
func envName(owner string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(owner) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	s := b.String()
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		s = "X_" + s
	}
	return s + "_PASSWORD"
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		subject := "device " + dn
		if m := d.Mgmt; m != nil {
			if m.Telnet {
				alt := "ssh is off too: enable it (mgmt.ssh: true)"
				if m.SSH {
					alt = "ssh is already enabled"
				}
				pass.Reportf(f.PosOf("devices", dn, "mgmt", "telnet"), subject,
					fmt.Sprintf("set mgmt.telnet: false (%s)", alt),
					"%s accepts telnet management (RFC 854): its login and every command cross the network in clear", dn)
			}
			if m.HTTP {
				alt := "enable mgmt.https"
				if m.HTTPS {
					alt = "https is already enabled"
				}
				pass.Reportf(f.PosOf("devices", dn, "mgmt", "http"), subject,
					fmt.Sprintf("set mgmt.http: false (%s)", alt),
					"%s serves its management web interface over plain HTTP: the login and session cookie cross the network in clear", dn)
			}
		}
		if c := d.Credentials; c != nil && c.Password != "" {
			secret(pass, subject, dn, envName(dn), c, "devices", dn, "credentials", "password")
		}
	}
	// The facility's default account is every switch's unless a device
	// has its own: a literal there is disclosed once for all of them.
	if c := f.Info.Credentials; c != nil && c.Password != "" {
		secret(pass, "facility", "the facility's default account", "SWITCH_ADMIN_PASSWORD", c, "facility", "credentials", "password")
	}
	for _, un := range model.SortedKeys(f.Users) {
		if c := f.Users[un].Credentials; c != nil && c.Password != "" {
			secret(pass, "user "+un, un, envName(un), c, "users", un, "credentials", "password")
		}
	}
	return nil
}

func secret(pass *rules.Pass, subject, owner, env string, c *model.Credentials, path ...string) {
	f := pass.Facility
	also := ""
	if c.PasswordEnv != "" || c.PasswordFile != "" {
		also = " (a reference is declared too: the literal is still disclosed)"
	}
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf(path...),
		Subject: subject,
		Message: fmt.Sprintf("the password of %s (user %q) is written in the design%s: everyone who reads the repository or its history knows it", owner, c.Username, also),
		Hint:    fmt.Sprintf("replace password with passwordEnv: %q (or passwordFile), remove it from the repository history and change it on the device", env),
	})
}
