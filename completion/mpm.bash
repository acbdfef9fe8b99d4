# bash completion for mpm: commands, options, repository ids, package names and module specs.
# The candidates come from `mpm __complete`, which reads only the metadata cache (-C): a
# completion never downloads or solves anything.
_mpm() {
    local cur words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    # The options that choose the root and its configuration apply to the candidates too.
    local -a context=()
    local i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --installroot | --config | -c | --releasever | --setopt)
                context+=("${words[i]}" "${words[i + 1]}")
                ;;
            --installroot=* | --config=* | --releasever=* | --setopt=* | --use-host-config)
                context+=("${words[i]}")
                ;;
        esac
    done
    local candidates
    candidates=$("${words[0]}" "${context[@]}" -C -q __complete -- "${words[@]:1:cword}" 2>/dev/null)
    if [[ $candidates == __files__ ]]; then
        compopt -o default 2>/dev/null
        COMPREPLY=()
        return
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -F _mpm mpm
