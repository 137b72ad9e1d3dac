# Bash completion for news-index. Installed as
# share/bash-completion/completions/news-index; or source it.
# Options are read from `news-index COMMAND --help` (each command's own, and
# the global ones), so new ones complete without editing this file; commands
# and option values are listed here.

_news_index() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]:-}
    # --opt=value arrives as "--opt" "=" "value" (= breaks words).
    if [[ $cur == "=" ]]; then
        cur=
    elif [[ $prev == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]:-}
    fi

    # The command is the first word that is neither an option nor its value.
    local i command= word
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            --db | --level | --format | --batch-size | --jobs | -j | --min-size | --field) ((i++)) ;;
            -* | =) ;;
            *) command=$word; break ;;
        esac
    done

    case $prev in
        --db) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null || :; return ;;
        --level) mapfile -t COMPREPLY < <(compgen -W "story event" -- "$cur"); return ;;
        --format) # each command's own formats
            local formats="text json"
            case $command in
                dups) formats="text json jsonl tsv" ;;
                compare) formats="text json jsonl" ;;
            esac
            mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur"); return ;;
        --field) mapfile -t COMPREPLY < <(compgen -W "id= title= body= date= source= url=" -- "$cur")
            compopt -o nospace 2>/dev/null || :; return ;;
        --batch-size | --jobs | -j | --min-size) return ;;
    esac

    if [[ $cur == -* ]]; then
        local options
        # Only the option lines of the help (two spaces, then the option), not words in its prose.
        options=$("${COMP_WORDS[0]}" $command --help 2>/dev/null | grep -oE -- '^  (-[a-z] \[ )?--[a-z][a-z-]*' |
            grep -o -- '--[a-z][a-z-]*' | sort -u)
        [[ -n $options ]] || options="--help --version --db"
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    elif [[ -z $command ]]; then
        mapfile -t COMPREPLY < <(compgen -W "build remove stats dups compact compare" -- "$cur")
    elif [[ $command == build ]]; then
        # Inputs: directories and files.
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        compopt -o filenames 2>/dev/null || :
    fi
}
complete -F _news_index news-index
