"""The Lists screen (print, PDF, Excel of the commune's lists) and the Excel import wizard."""
