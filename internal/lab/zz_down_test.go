package lab

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZDebugDown(t *testing.T) {
	t0 := time.Now()
	fmt.Println("down", Down(context.Background(), os.Getenv("SD")), time.Since(t0))
}
