# A restricted-shell jail (bash(1), RESTRICTED SHELL): only ~/bin is searched, and PATH cannot be
# changed. bash reads this file for commands run by sshd, before the skeleton's interactive check.
readonly PATH=$HOME/bin
export PATH
