echo "hello from the shell-agent example"
echo "two lines"
