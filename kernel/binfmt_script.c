// SPDX-License-Identifier: GPL-2.0
/*
 * "#!" scripts, as Linux's fs/binfmt_script.c runs them: the first line
 * (within the first BINPRM_BUF_SIZE bytes) names an interpreter and at most
 * one argument, separated by spaces or tabs. The interpreter runs instead,
 * with argv[0] replaced by the interpreter's name, its argument, and the
 * script's path; then the script's own argv[1..].
 */
#include <binfmts.h>
#include <err.h>
#include <initramfs.h>
#include <kernel.h>
#include <string.h>
#include <uapi/errno.h>

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first character of [@s, @end) that is not a space or tab, or NULL. */
static const char *next_non_spacetab(const char *s, const char *end)
{
	for (; s < end; s++)
		if (!spacetab(*s))
			return s;
	return NULL;
}

/* The first space, tab or NUL of [@s, @end), or NULL. */
static const char *next_terminator(const char *s, const char *end)
{
	for (; s < end; s++)
		if (spacetab(*s) || !*s)
			return s;
	return NULL;
}

/* Linux's load_script(), its checks in its order. */
int load_script(struct linux_binprm *bprm)
{
	char buf[BINPRM_BUF_SIZE], *end = buf + BINPRM_BUF_SIZE - 1, *i_end;
	const struct initrd_file *f = initrd_file_member(bprm->file);
	const char *i_name, *i_arg = NULL, *i_sep;
	struct file *file;
	int err;

	memset(buf, 0, BINPRM_BUF_SIZE);
	memcpy(buf, f->data, min(f->size, (size_t)BINPRM_BUF_SIZE));
	if (buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	i_end = memchr(buf, '\n', BINPRM_BUF_SIZE);
	if (!i_end) {
		i_end = (char *)next_non_spacetab(buf + 2, end);
		/* All spaces, or a name that may have been cut off. */
		if (!i_end || !next_terminator(i_end, end))
			return -ENOEXEC;
		i_end = end;
	}
	while (spacetab(i_end[-1]))
		i_end--;
	i_name = next_non_spacetab(buf + 2, i_end);
	if (!i_name || i_name == i_end)
		return -ENOEXEC;
	i_sep = next_terminator(i_name, i_end);
	if (i_sep && *i_sep)
		i_arg = next_non_spacetab(i_sep, i_end);

	remove_arg_zero(bprm);
	err = copy_string_kernel(bprm->interp, bprm);
	if (err)
		return err;
	bprm->argc++;
	*i_end = '\0';
	if (i_arg) {
		*(char *)i_sep = '\0';
		err = copy_string_kernel(i_arg, bprm);
		if (err)
			return err;
		bprm->argc++;
	}
	err = copy_string_kernel(i_name, bprm);
	if (err)
		return err;
	bprm->argc++;
	file = open_exec(i_name);
	if (IS_ERR(file))
		return PTR_ERR(file);
	bprm->interpreter = file;
	/* bprm_change_interp(): i_name fits, being shorter than buf. */
	strlcpy(bprm->interp_buf, i_name, sizeof(bprm->interp_buf));
	bprm->interp = bprm->interp_buf;
	return 0;
}
