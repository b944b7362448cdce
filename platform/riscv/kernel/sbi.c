// SPDX-License-Identifier: GPL-2.0
/*
 * SBI calls (RISC-V SBI spec v2.0). Loam prefers the SBI v0.2+ extensions and
 * falls back to the legacy v0.1 calls where the firmware lacks them:
 * OpenSBI 1.1 (Debian bookworm) implements SBI 1.0, so it has no DBCN
 * console and Loam uses the legacy putchar there.
 */
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/sbi.h>
#include <kernel.h>
#include <printk.h>
#include <smp.h>

static unsigned long sbi_spec_version;
static unsigned long sbi_impl_id, sbi_impl_version;
static bool sbi_has_dbcn, sbi_has_hsm, sbi_has_srst, sbi_has_ipi, sbi_has_rfence;

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2, unsigned long arg3,
			unsigned long arg4, unsigned long arg5)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a3 __asm__("a3") = arg3;
	register unsigned long a4 __asm__("a4") = arg4;
	register unsigned long a5 __asm__("a5") = arg5;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "+r"(a1)
			     : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(a7)
			     : "memory");
	ret.error = (long)a0;
	ret.value = (long)a1;
	return ret;
}

static bool sbi_probe_extension(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, ext, 0, 0, 0, 0, 0);

	return !r.error && r.value;
}

void sbi_init(void)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0, 0);

	/* An SBI v0.1 firmware has no base extension and returns an error. */
	if (r.error)
		return;
	sbi_spec_version = r.value;
	sbi_impl_id = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0, 0, 0, 0).value;
	sbi_impl_version =
		sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_VERSION, 0, 0, 0, 0, 0, 0).value;
	sbi_has_dbcn = sbi_probe_extension(SBI_EXT_DBCN);
	sbi_has_hsm = sbi_probe_extension(SBI_EXT_HSM);
	sbi_has_srst = sbi_probe_extension(SBI_EXT_SRST);
	sbi_has_ipi = sbi_probe_extension(SBI_EXT_IPI);
	sbi_has_rfence = sbi_probe_extension(SBI_EXT_RFENCE);
}

void sbi_print_info(void)
{
	/* spec version: major in bits 30:24, minor in 23:0 (4.1) */
	pr_info("SBI specification v%lu.%lu detected\n", (sbi_spec_version >> 24) & 0x7f,
		sbi_spec_version & 0xffffff);
	if (sbi_spec_version)
		pr_info("SBI implementation ID=0x%lx Version=0x%lx\n", sbi_impl_id,
			sbi_impl_version);
	if (sbi_has_dbcn)
		pr_info("SBI DBCN extension detected\n");
	if (sbi_has_ipi)
		pr_info("SBI IPI extension detected\n");
	if (sbi_has_rfence)
		pr_info("SBI RFENCE extension detected\n");
	if (sbi_has_hsm)
		pr_info("SBI HSM extension detected\n");
	if (sbi_has_srst)
		pr_info("SBI SRST extension detected\n");
}

void sbi_console_write(const char *s, size_t len)
{
	if (sbi_has_dbcn) {
		/* DBCN write takes a physical address (12.1); s is in the image or direct map. */
		phys_addr_t pa = __pa(s);

		while (len) {
			struct sbiret r = sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_WRITE, len,
						    pa, 0, 0, 0, 0);

			if (r.error)
				break;
			len -= r.value;
			pa += r.value;
		}
		return;
	}
	while (len--)
		sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, (unsigned char)*s++, 0, 0, 0, 0, 0);
}

int sbi_hart_start(unsigned long hartid, phys_addr_t start, unsigned long opaque)
{
	struct sbiret r;

	if (!sbi_has_hsm)
		return -1;
	r = sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_START, hartid, start, opaque, 0, 0, 0);
	return (int)r.error;
}

void sbi_send_ipi(unsigned long hartid)
{
	/* hart_mask = bit 0, hart_mask_base = hartid (the hart list parameter, 3.1) */
	if (sbi_has_ipi)
		sbi_ecall(SBI_EXT_IPI, SBI_EXT_IPI_SEND_IPI, 1, hartid, 0, 0, 0, 0);
}

void sbi_remote_sfence_vma(unsigned long start, unsigned long size)
{
	/* hart_mask_base -1: every hart. */
	if (sbi_has_rfence)
		sbi_ecall(SBI_EXT_RFENCE, SBI_EXT_RFENCE_REMOTE_SFENCE_VMA, 0, -1UL, start, size, 0,
			  0);
	else
		local_flush_tlb_all();
}

void sbi_remote_sfence_vma_asid(unsigned long hart_mask, unsigned long asid)
{
	unsigned int cpu;

	if (!hart_mask)
		return;
	if (!sbi_has_rfence) {
		local_flush_tlb_all();
		return;
	}
	/* Per hart: logical CPUs are not hart ids. */
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (hart_mask & (1UL << cpu))
			sbi_ecall(SBI_EXT_RFENCE, SBI_EXT_RFENCE_REMOTE_SFENCE_VMA_ASID, 1,
				  cpu_info[cpu].hartid, 0, -1UL, asid, 0);
}

void sbi_shutdown(bool failure)
{
	if (sbi_has_srst)
		sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, SBI_SRST_RESET_TYPE_SHUTDOWN,
			  failure ? SBI_SRST_RESET_REASON_SYS_FAILURE : SBI_SRST_RESET_REASON_NONE,
			  0, 0, 0, 0);
	sbi_ecall(SBI_EXT_0_1_SHUTDOWN, 0, 0, 0, 0, 0, 0, 0);
	for (;;)
		wait_for_interrupt();
}
