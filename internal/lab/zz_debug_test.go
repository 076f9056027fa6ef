package lab

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"testing"
	"time"
)

func TestZZDebugUp(t *testing.T) {
	ctx := context.Background()
	o := Options{Name: "zzdbg", MgmtBridge: "zzdbgm", MgmtCIDR: netip.MustParsePrefix("198.19.77.1/24"), Log: os.Stderr}
	t0 := time.Now()
	inv, err := Up(ctx, "../../designs/lab-minimal", o)
	fmt.Println("up", time.Since(t0), err)
	if inv != nil {
		fmt.Println(inv.Timings)
	}
	if os.Getenv("KEEP") == "" {
		sd, _ := StateDir("", o)
		t0 = time.Now()
		fmt.Println("down", Down(ctx, sd), time.Since(t0))
	}
}
